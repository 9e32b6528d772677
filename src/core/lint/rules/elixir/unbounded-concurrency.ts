import type { ElixirContext, ElixirVisitor } from '../../rule';

/** Message templates for the elixir side of `unbounded-concurrency`, keyed by messageId. */
export const messages: Record<string, string> = {};

export function createElixir(_ctx: ElixirContext): ElixirVisitor {
  return () => {};
}
