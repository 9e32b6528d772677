import type { Rule } from '../rule';
import { nPlusOne } from './n-plus-one';
import { unboundedConcurrency } from './unbounded-concurrency';
import { quadraticBuilding } from './quadratic-building';

/** Every rule Perf Lens has. A meta-test checks each is documented and tested. */
export const RULES: readonly Rule[] = [nPlusOne, unboundedConcurrency, quadraticBuilding];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
