import type { ElixirContext, ElixirVisitor } from '../../rule';
import { LoopFinder } from './ast-utils';
import { compilePatterns, dataAccessOf, isAccessFunctionName, repoAliasDeclared } from './data-access';

/** Message templates for the elixir side of `n-plus-one`, keyed by messageId. */
export const messages: Record<string, string> = {
  exPerElement: '`{call}` runs once per element in {loop}: one round-trip per element (N+1). Instead, {advice}.',
};

export function createElixir(ctx: ElixirContext): ElixirVisitor {
  const extra = compilePatterns(ctx.config.extraDataAccess);
  const repoAliases = new Set<string>();
  const loops = new LoopFinder();
  return (node) => {
    if (node.type !== 'call') return;
    const target = node.childForFieldName('target');
    if (!target) return;
    if (target.type === 'identifier') {
      if (target.text === 'alias') {
        const declared = repoAliasDeclared(node);
        if (declared) repoAliases.add(declared);
        return;
      }
      // A local call can only be data access through the user's own patterns.
      if (extra.length === 0) return;
    } else if (target.type !== 'dot') {
      return;
    } else if (extra.length === 0 && !isAccessFunctionName(target.childForFieldName('right')?.text ?? '')) {
      return; // cheap filter on the function's own name before building the dotted callee
    }
    const access = dataAccessOf(node, repoAliases, extra);
    if (!access) return;
    // Per element: any enclosing loop over data, or over the elements of one chunk (still one query each).
    const loop = loops.loopsAround(node).find((l) => l.bound === 'data' || l.bound === 'chunk');
    if (!loop) return;
    ctx.report({
      start: node.startIndex,
      end: node.endIndex,
      messageId: 'exPerElement',
      data: { call: access.call, loop: loop.label, advice: access.advice },
    });
  };
}
