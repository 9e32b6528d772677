/**
 * Arguments given as a JavaScript expression (`[makeOrders(10_000)]`), evaluated in the target module's
 * own scope, so its local helpers and constants work. Runs inside the harness (the child process).
 *
 * CommonJS (and TypeScript compiled to it): while the target module is compiled, a one-line evaluator is
 * appended to its source; a direct `eval` there sees the module's locals. ES modules cannot be extended
 * that way without loader hooks, and TypeScript files are compiled outside Module#_compile: there the
 * expression sees the module's exports, by name or as `exports`, and `require`.
 */
import * as nodeModule from 'node:module';

const EVAL_KEY = Symbol.for('perf-lens.profile-harness.eval');
/**
 * Appended to a CommonJS target's source, on its last line so the module's own line numbers (and its
 * profile) do not move. V8 hashes the source with it: call-counts.ts adds it back to verify the file.
 */
export const MODULE_SCOPE_EVALUATOR = `\n;globalThis[Symbol.for('perf-lens.profile-harness.eval')] = (s) => eval(s);`;
type Evaluator = (source: string) => unknown;

/** Call before loading the target: its CommonJS compile gets the evaluator appended. */
export function exposeModuleScope(target: string): () => void {
  type Compile = (content: string, filename: string) => unknown;
  const proto = (nodeModule as unknown as { Module: { prototype: { _compile: Compile } } }).Module.prototype;
  const original = proto._compile;
  if (typeof original !== 'function') return () => undefined;
  proto._compile = function (this: unknown, content: string, filename: string) {
    if (filename === target && typeof content === 'string') {
      content = `${content}${MODULE_SCOPE_EVALUATOR}`;
    }
    return original.call(this, content, filename);
  };
  return () => {
    proto._compile = original;
  };
}

/**
 * Evaluates `expression` to the argument list, or returns one sentence saying why it cannot be used.
 * `exports` and `require` are available either way.
 */
export function evaluateArgs(expression: string, exports: unknown, require: NodeJS.Require): unknown[] | string {
  const local = (globalThis as Record<symbol, unknown>)[EVAL_KEY] as Evaluator | undefined;
  let value: unknown;
  try {
    // In the module's scope its own `exports` and `require` are there already.
    value = local
      ? local(`(${expression}\n)`)
      : // Sloppy-mode Function body: \`with\` puts the exports in scope unqualified too ([makeRows(5)]).
        (new Function('exports', 'require', `with (exports) { return (${expression}\n); }`) as (e: unknown, r: NodeJS.Require) => unknown)(exports, require);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (e instanceof SyntaxError) return `the arguments expression does not parse: ${message}`;
    const hint = !local && e instanceof ReferenceError ? ' (in an ES module or a TypeScript file only its exports are in scope)' : '';
    return `the arguments expression threw: ${message}${hint}`;
  }
  if (!Array.isArray(value)) {
    return `the arguments expression must give an array of arguments, e.g. [makeOrders(1000)] (it gave ${value === null ? 'null' : typeof value})`;
  }
  return value;
}
