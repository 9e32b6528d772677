import type { JsContext, JsVisitor } from '../../rule';

/** Message templates for the js side of `unbounded-concurrency`, keyed by messageId. */
export const messages: Record<string, string> = {};

export function createJs(_ctx: JsContext): JsVisitor {
  return () => {};
}
