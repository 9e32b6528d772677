// The registry: one line per rule. `RuleId` is derived from it, so a rule exists once it is listed here.
import type { Rule } from '../rule';
import { nPlusOne } from './n-plus-one';
import { unboundedConcurrency } from './unbounded-concurrency';
import { quadraticBuilding } from './quadratic-building';

/** Every rule Perf Lens has. Meta-tests check each is in its own folder, documented and tested. */
export const RULES = [
  nPlusOne,
  unboundedConcurrency,
  quadraticBuilding,
] as const satisfies readonly Rule<string>[];

/** A registered rule's id (also its diagnostic code and the name of its folder and docs page). */
export type RuleId = (typeof RULES)[number]['id'];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
