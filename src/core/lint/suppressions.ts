import type { RuleId } from './finding';

const DIRECTIVE = 'perf-lens-disable-next-line';

/**
 * Whether a comment such as `// perf-lens-disable-next-line n-plus-one, quadratic-building` or
 * `# perf-lens-disable-next-line` (no ids: every rule) silences `ruleId`. A `--` starts a free-text reason.
 */
export function commentSuppresses(comment: string, ruleId: RuleId): boolean {
  const body = comment.replace(/^(\/\/|\/\*|#)\s*/, '').replace(/\*\/\s*$/, '');
  if (!body.startsWith(DIRECTIVE)) return false;
  const rest = body.slice(DIRECTIVE.length).split('--')[0];
  if (rest.length > 0 && !/^\s/.test(rest)) return false;
  const ids = rest.split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 || ids.includes(ruleId);
}
