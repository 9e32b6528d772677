// "Does this node run once per element of a collection?": the loops and per-element callbacks around a node
// (`for…of`, `xs.map(cb)`, `_.map(xs, cb)`, `pMap(xs, cb)`), up to the first function that is not run inline.
import type * as ts from 'typescript';
import { isFunctionLike, lastName, lineOf, unwrap } from './nodes';

type T = typeof ts;

/** Array methods whose callback runs once per element. */
export const ITERATION_METHODS = new Set([
  'map', 'forEach', 'flatMap', 'reduce', 'reduceRight', 'filter', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex',
]);

/**
 * Library helpers `(collection, fn)` whose fn runs once per element: lodash, async, p-map, Bluebird, Array.from.
 * Value: index of the callback argument.
 */
const COLLECTION_HELPERS: Record<string, Record<string, number>> = {
  _: { map: 1, forEach: 1, each: 1, flatMap: 1, reduce: 1, filter: 1, some: 1, every: 1, find: 1, mapValues: 1, forOwn: 1 },
  lodash: { map: 1, forEach: 1, each: 1, flatMap: 1, reduce: 1, filter: 1 },
  async: {
    map: 1, mapSeries: 1, mapLimit: 2, each: 1, eachSeries: 1, eachLimit: 2, forEach: 1, forEachSeries: 1,
    forEachLimit: 2, eachOf: 1, eachOfSeries: 1, eachOfLimit: 2, concat: 1, concatSeries: 1, filter: 1,
  },
  Bluebird: { map: 1, mapSeries: 1, each: 1, filter: 1, reduce: 1 },
  Promise: { map: 1, mapSeries: 1, each: 1 },
  Array: { from: 1 },
};
const COLLECTION_FUNCTIONS: Record<string, number> = { pMap: 1, pMapSeries: 1, pEachSeries: 1, pFilter: 1, pReduce: 1 };

/** Calls whose function argument is registered for later, not run now (handlers, hooks, timers). */
const DEFERRED_CALLBACK_CALLEES = new Set([
  'on', 'once', 'addListener', 'addEventListener', 'prependListener', 'subscribe', 'setInterval',
  'useEffect', 'useLayoutEffect', 'useCallback', 'useMemo', 'listen', 'register', 'define', 'command',
]);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'route']);

export interface IterationCallback {
  /** The call that runs the callback per element (`xs.map(...)`, `_.map(xs, ...)`). */
  call: ts.CallExpression;
  /** Method or helper name: `map`, `forEach`, `pMap`... */
  method: string;
  /** The collection iterated, when it is an argument or receiver. */
  collection: ts.Expression;
}

/** When `fn` is a callback run once per element of a collection, the call that runs it. */
export function iterationCallback(t: T, fn: ts.Node): IterationCallback | undefined {
  if (fn.kind !== t.SyntaxKind.ArrowFunction && fn.kind !== t.SyntaxKind.FunctionExpression) return undefined;
  let arg: ts.Node = fn;
  while (arg.parent && arg.parent.kind === t.SyntaxKind.ParenthesizedExpression) arg = arg.parent;
  const call = arg.parent;
  if (!call || !t.isCallExpression(call)) return undefined;
  const index = call.arguments.indexOf(arg as ts.Expression);
  if (index < 0) return undefined;
  const callee = unwrap(t, call.expression);
  if (t.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (index === 0 && ITERATION_METHODS.has(method)) {
      return { call, method, collection: callee.expression };
    }
    const owner = unwrap(t, callee.expression);
    if (t.isIdentifier(owner)) {
      const at = COLLECTION_HELPERS[owner.text]?.[method];
      if (at === index && call.arguments.length > 0) return { call, method: `${owner.text}.${method}`, collection: call.arguments[0] };
    }
  } else if (t.isIdentifier(callee)) {
    const at = COLLECTION_FUNCTIONS[callee.text];
    if (at === index && call.arguments.length > 0) return { call, method: callee.text, collection: call.arguments[0] };
  }
  return undefined;
}

/**
 * Whether a function expression passed to some call runs now, inside the caller's iteration (a
 * `limit(() => ...)`, `new Promise(r => ...)`, `retry(() => ...)`, an IIFE) rather than being
 * registered for later (`emitter.on('x', ...)`, `app.get('/path', handler)`, `useEffect`).
 */
function runsInline(t: T, fn: ts.Node): boolean {
  let arg: ts.Node = fn;
  while (arg.parent && arg.parent.kind === t.SyntaxKind.ParenthesizedExpression) arg = arg.parent;
  const p = arg.parent;
  if (!p) return false;
  if (t.isCallExpression(p) && p.expression === arg) return true; // IIFE
  if (t.isNewExpression(p)) return p.arguments?.includes(arg as ts.Expression) ?? false;
  if (!t.isCallExpression(p) || !p.arguments.includes(arg as ts.Expression)) return false;
  const name = lastName(t, p.expression);
  if (name && DEFERRED_CALLBACK_CALLEES.has(name)) return false;
  if (name && ROUTE_METHODS.has(name) && p.arguments.length > 1) {
    // app.get('/path', handler), router.post(route.path, handler): registered, not run
    const owner = t.isPropertyAccessExpression(unwrap(t, p.expression)) ? lastName(t, (unwrap(t, p.expression) as ts.PropertyAccessExpression).expression) : undefined;
    if (t.isStringLiteralLike(p.arguments[0]) || (owner && /^(app|router|server|fastify|api|routes?|r)$/i.test(owner))) return false;
  }
  return true;
}

export type ContextKind = 'for…of' | 'for…in' | 'for' | 'while' | 'do…while' | 'callback';

export interface PerElementContext {
  kind: ContextKind;
  /** The loop statement, or the callback function. */
  node: ts.Node;
  /** For callbacks: the iterating call. */
  iteration?: IterationCallback;
  /** The iterated collection, when there is one to name. */
  collection?: ts.Expression;
}

export interface EnclosingContexts {
  /** Per-element contexts from the innermost outwards, up to the first function that is not run inline. */
  contexts: PerElementContext[];
  /** That function (declaration, method, or a function stored for later), if any. */
  boundary?: ts.FunctionLikeDeclaration;
}

/** Loops and per-element callbacks that run `node` repeatedly, innermost first. */
export function enclosingContexts(t: T, node: ts.Node): EnclosingContexts {
  const contexts: PerElementContext[] = [];
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    switch (p.kind) {
      case t.SyntaxKind.ForOfStatement:
        if ((p as ts.ForOfStatement).statement === child) {
          contexts.push({ kind: 'for…of', node: p, collection: (p as ts.ForOfStatement).expression });
        }
        break;
      case t.SyntaxKind.ForInStatement:
        if ((p as ts.ForInStatement).statement === child) {
          contexts.push({ kind: 'for…in', node: p, collection: (p as ts.ForInStatement).expression });
        }
        break;
      case t.SyntaxKind.ForStatement:
        if ((p as ts.ForStatement).statement === child) {
          contexts.push({ kind: 'for', node: p, collection: lengthCollection(t, (p as ts.ForStatement).condition) });
        }
        break;
      case t.SyntaxKind.WhileStatement:
        if ((p as ts.WhileStatement).statement === child) {
          contexts.push({ kind: 'while', node: p, collection: lengthCollection(t, (p as ts.WhileStatement).expression) });
        }
        break;
      case t.SyntaxKind.DoStatement:
        if ((p as ts.DoStatement).statement === child) {
          contexts.push({ kind: 'do…while', node: p, collection: lengthCollection(t, (p as ts.DoStatement).expression) });
        }
        break;
      case t.SyntaxKind.ArrowFunction:
      case t.SyntaxKind.FunctionExpression: {
        const it = iterationCallback(t, p);
        if (it) {
          contexts.push({ kind: 'callback', node: p, iteration: it, collection: it.collection });
        } else if (!runsInline(t, p)) {
          return { contexts, boundary: p as ts.FunctionLikeDeclaration };
        }
        break;
      }
      case t.SyntaxKind.FunctionDeclaration:
      case t.SyntaxKind.MethodDeclaration:
      case t.SyntaxKind.Constructor:
      case t.SyntaxKind.GetAccessor:
      case t.SyntaxKind.SetAccessor:
        return { contexts, boundary: p as ts.FunctionLikeDeclaration };
      case t.SyntaxKind.ClassDeclaration:
      case t.SyntaxKind.ClassExpression:
        return { contexts };
    }
  }
  return { contexts };
}

/** `xs` when a loop condition reads `xs.length` / `xs.size` (`i < xs.length`, `while (queue.length)`). */
export function lengthCollection(t: T, cond: ts.Expression | undefined): ts.Expression | undefined {
  if (!cond) return undefined;
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (t.isPropertyAccessExpression(n) && (n.name.text === 'length' || n.name.text === 'size')) {
      found = n.expression;
      return;
    }
    if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'shift' || n.expression.name.text === 'pop')) {
      found = n.expression.expression;
      return;
    }
    if (!isFunctionLike(t, n)) t.forEachChild(n, visit);
  };
  visit(cond);
  return found;
}

/** Human description of a context for messages: "for…of at line 12", "`.map` callback at line 3". */
export function describeContext(t: T, sf: ts.SourceFile, c: PerElementContext): string {
  const line = lineOf(sf, c.kind === 'callback' && c.iteration ? c.iteration.call : c.node);
  if (c.kind === 'callback') {
    const m = c.iteration!.method;
    return `${m.includes('.') || !t.isPropertyAccessExpression(unwrap(t, c.iteration!.call.expression)) ? m : '.' + m} callback at line ${line}`;
  }
  return `${c.kind} at line ${line}`;
}
