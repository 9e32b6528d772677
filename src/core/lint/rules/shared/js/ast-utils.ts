// Shared AST questions for the JS/TS rules: "does this node run once per element of a collection?",
// "is this loop bounded by a small constant?", "which names does this loop bind?". Only type imports of
// `typescript`: the module itself comes in through `t` so it stays lazily loaded.
import type * as ts from 'typescript';

type T = typeof ts;

/** Largest literal loop bound / literal array length still taken for "a few", not "a collection". */
export const SMALL_BOUND = 10;

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

export function unwrap(t: T, e: ts.Expression): ts.Expression {
  for (;;) {
    switch (e.kind) {
      case t.SyntaxKind.ParenthesizedExpression:
      case t.SyntaxKind.AsExpression:
      case t.SyntaxKind.NonNullExpression:
      case t.SyntaxKind.SatisfiesExpression:
      case t.SyntaxKind.TypeAssertionExpression:
        e = (e as ts.ParenthesizedExpression).expression;
        break;
      default:
        return e;
    }
  }
}

/** Climbs from an expression through parens/casts/await to the node that uses its value. */
export function valueParent(t: T, e: ts.Node): { node: ts.Node; child: ts.Node } {
  let child = e;
  let p = e.parent;
  while (
    p &&
    (p.kind === t.SyntaxKind.ParenthesizedExpression || p.kind === t.SyntaxKind.AsExpression ||
      p.kind === t.SyntaxKind.NonNullExpression || p.kind === t.SyntaxKind.AwaitExpression ||
      p.kind === t.SyntaxKind.SatisfiesExpression)
  ) {
    child = p;
    p = p.parent;
  }
  return { node: p, child };
}

/** `a.b.c` / `this.a.b` as segments (`this` included), or undefined for anything else (calls, elements). */
export function dottedName(t: T, e: ts.Expression): string[] | undefined {
  const out: string[] = [];
  let cur = unwrap(t, e);
  for (;;) {
    if (t.isPropertyAccessExpression(cur)) {
      out.push(cur.name.text);
      cur = unwrap(t, cur.expression);
    } else if (t.isIdentifier(cur)) {
      out.push(cur.text);
      return out.reverse();
    } else if (cur.kind === t.SyntaxKind.ThisKeyword) {
      out.push('this');
      return out.reverse();
    } else {
      return undefined;
    }
  }
}

/** The name an expression ends with: `x` for `x`, `this.a.x`, `f().x`; undefined otherwise. */
export function lastName(t: T, e: ts.Expression): string | undefined {
  const u = unwrap(t, e);
  if (t.isIdentifier(u)) return u.text;
  if (t.isPropertyAccessExpression(u)) return u.name.text;
  return undefined;
}

export function isFunctionLike(t: T, n: ts.Node): n is ts.FunctionLikeDeclaration {
  switch (n.kind) {
    case t.SyntaxKind.ArrowFunction:
    case t.SyntaxKind.FunctionExpression:
    case t.SyntaxKind.FunctionDeclaration:
    case t.SyntaxKind.MethodDeclaration:
    case t.SyntaxKind.Constructor:
    case t.SyntaxKind.GetAccessor:
    case t.SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}

/** Short, single-line source text of a node for messages. */
export function shortText(sf: ts.SourceFile, n: ts.Node, max = 40): string {
  const raw = n.getText(sf).replace(/\s+/g, ' ');
  return raw.length > max ? raw.slice(0, max - 1) + '…' : raw;
}

export function lineOf(sf: ts.SourceFile, n: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
}

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
function lengthCollection(t: T, cond: ts.Expression | undefined): ts.Expression | undefined {
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

// ---------------------------------------------------------------------------------------------------
// Memo tables keyed by node, valid for one lint run. Not across runs: the editor path re-parses
// incrementally, and TypeScript then reuses unchanged nodes at new positions and under new parents, so a
// memoized answer (a line number, a declaration found by walking up) may no longer hold.

const runCaches: { map: WeakMap<object, unknown> }[] = [];

/** A WeakMap-like memo that newLintRun() empties. */
export function runCache<K extends object, V>(): { get(k: K): V | undefined; set(k: K, v: V): void } {
  const slot = { map: new WeakMap<object, unknown>() };
  runCaches.push(slot);
  return {
    get: (k) => slot.map.get(k) as V | undefined,
    set: (k, v) => void slot.map.set(k, v),
  };
}

/** Called by every JS rule's create(): forgets what earlier runs memoized. */
export function newLintRun(): void {
  for (const slot of runCaches) slot.map = new WeakMap();
}

// ---------------------------------------------------------------------------------------------------
// Name resolution without a type checker: enough to see `const MAX_RETRIES = 3` or `const limit = pLimit(5)`.

const declCache = runCache<ts.Node, Map<string, ts.VariableDeclaration | ts.ParameterDeclaration>>();

const NO_DECLARATIONS: ReadonlyMap<string, ts.VariableDeclaration | ts.ParameterDeclaration> = new Map();

function declaresNames(t: T, n: ts.Node): boolean {
  switch (n.kind) {
    case t.SyntaxKind.SourceFile:
    case t.SyntaxKind.Block:
    case t.SyntaxKind.ModuleBlock:
    case t.SyntaxKind.CaseClause:
    case t.SyntaxKind.DefaultClause:
    case t.SyntaxKind.ForStatement:
    case t.SyntaxKind.ForOfStatement:
    case t.SyntaxKind.ForInStatement:
      return true;
    default:
      return isFunctionLike(t, n);
  }
}

function declarationsIn(t: T, scope: ts.Node): ReadonlyMap<string, ts.VariableDeclaration | ts.ParameterDeclaration> {
  // Most ancestors (expressions, statements) declare nothing: no map, no cache entry for them.
  if (!declaresNames(t, scope)) return NO_DECLARATIONS;
  let map = declCache.get(scope);
  if (map) return map;
  map = new Map();
  const add = (d: ts.VariableDeclaration | ts.ParameterDeclaration): void => {
    if (t.isIdentifier(d.name) && !map!.has(d.name.text)) map!.set(d.name.text, d);
  };
  const statements: readonly ts.Statement[] | undefined =
    t.isSourceFile(scope) || t.isBlock(scope) || t.isModuleBlock(scope) ? scope.statements
    : t.isCaseClause(scope) || t.isDefaultClause(scope) ? scope.statements : undefined;
  if (statements) {
    for (const s of statements) {
      if (t.isVariableStatement(s)) s.declarationList.declarations.forEach(add);
    }
  }
  if (isFunctionLike(t, scope)) scope.parameters.forEach(add);
  if ((t.isForStatement(scope) || t.isForOfStatement(scope) || t.isForInStatement(scope)) && scope.initializer && t.isVariableDeclarationList(scope.initializer)) {
    scope.initializer.declarations.forEach(add);
  }
  declCache.set(scope, map);
  return map;
}

/** The nearest declaration of `name` visible from `from` (lexically; no checker). */
export function findDeclaration(t: T, name: string, from: ts.Node): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
  for (let s: ts.Node | undefined = from; s; s = s.parent) {
    const d = declarationsIn(t, s).get(name);
    if (d) return d;
  }
  return undefined;
}

/** Whether the declaration is a `const` (so its initializer is what the name holds). */
export function isConst(t: T, d: ts.VariableDeclaration | ts.ParameterDeclaration): d is ts.VariableDeclaration {
  return t.isVariableDeclaration(d) && t.isVariableDeclarationList(d.parent) && (d.parent.flags & t.NodeFlags.Const) !== 0;
}

/** Initializer of a `const` the identifier refers to, if any. */
export function constInitializer(t: T, e: ts.Expression): ts.Expression | undefined {
  const u = unwrap(t, e);
  if (!t.isIdentifier(u)) return undefined;
  const d = findDeclaration(t, u.text, u);
  return d && isConst(t, d) && d.initializer ? unwrap(t, d.initializer) : undefined;
}

const RETRY_NAME = /attempt|retr(y|ies)|tries|tried/i;

function smallNumber(t: T, e: ts.Expression): boolean {
  const u = unwrap(t, e);
  if (t.isNumericLiteral(u)) return Number(u.text) <= SMALL_BOUND;
  if (t.isIdentifier(u) || t.isPropertyAccessExpression(u)) {
    const name = lastName(t, u)!;
    if (RETRY_NAME.test(name)) return true;
    const init = t.isIdentifier(u) ? constInitializer(t, u) : undefined;
    if (init && t.isNumericLiteral(init)) return Number(init.text) <= SMALL_BOUND;
  }
  return false;
}

/**
 * A `for` loop that steps its counter by more than one (`i += BATCH`, `i = i + size`): each iteration
 * handles a chunk (`ids.slice(i, i + BATCH)`), so one call per iteration is one call per batch.
 */
export function isChunkStepLoop(t: T, loop: ts.Node): boolean {
  if (!t.isForStatement(loop) || !loop.incrementor) return false;
  const inc = unwrap(t, loop.incrementor);
  if (!t.isBinaryExpression(inc) || !t.isIdentifier(inc.left)) return false;
  const counter = inc.left.text;
  let step: ts.Expression | undefined;
  if (inc.operatorToken.kind === t.SyntaxKind.PlusEqualsToken || inc.operatorToken.kind === t.SyntaxKind.MinusEqualsToken) {
    step = inc.right;
  } else if (inc.operatorToken.kind === t.SyntaxKind.EqualsToken) {
    const r = unwrap(t, inc.right);
    if (t.isBinaryExpression(r) && r.operatorToken.kind === t.SyntaxKind.PlusToken) {
      if (t.isIdentifier(unwrap(t, r.left)) && (unwrap(t, r.left) as ts.Identifier).text === counter) step = r.right;
      else if (t.isIdentifier(unwrap(t, r.right)) && (unwrap(t, r.right) as ts.Identifier).text === counter) step = r.left;
    }
  }
  if (!step) return false;
  const s = unwrap(t, step);
  // `i += 1` is an ordinary element loop; any other step (a literal above 1, a batch-size name) is chunking.
  return !(t.isNumericLiteral(s) && Number(s.text) <= 1);
}

/** A `for`/`while`/`do` loop whose condition compares against a small constant or a retry counter. */
export function hasSmallConstantBound(t: T, loop: ts.Node): boolean {
  const cond = t.isForStatement(loop) ? loop.condition : t.isWhileStatement(loop) || t.isDoStatement(loop) ? loop.expression : undefined;
  if (!cond) return false;
  let small = false;
  const visit = (n: ts.Node): void => {
    if (small) return;
    if (t.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      // `counter < SMALL` / `SMALL > counter`: a counter that stops at a small constant.
      const less = op === t.SyntaxKind.LessThanToken || op === t.SyntaxKind.LessThanEqualsToken;
      const greater = op === t.SyntaxKind.GreaterThanToken || op === t.SyntaxKind.GreaterThanEqualsToken;
      if (less || greater) {
        const counter = less ? n.left : n.right;
        const limit = less ? n.right : n.left;
        const c = unwrap(t, counter);
        const isCounter = t.isIdentifier(c) || t.isPrefixUnaryExpression(c) || t.isPostfixUnaryExpression(c);
        if ((isCounter && smallNumber(t, limit)) || RETRY_NAME.test(lastName(t, c) ?? '') || RETRY_NAME.test(lastName(t, limit) ?? '')) small = true;
        return;
      }
      if (op !== t.SyntaxKind.AmpersandAmpersandToken && op !== t.SyntaxKind.BarBarToken) return;
    }
    if (t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) {
      if (t.isIdentifier(n.operand) && RETRY_NAME.test(n.operand.text)) small = true;
      return;
    }
    if (t.isParenthesizedExpression(n) || t.isBinaryExpression(n)) t.forEachChild(n, visit);
  };
  visit(cond);
  return small;
}

/** A literal array of at most SMALL_BOUND elements (directly or through a const), or keys/values of a literal object. */
export function isSmallLiteralCollection(t: T, e: ts.Expression | undefined): boolean {
  if (!e) return false;
  let u = unwrap(t, e);
  if (t.isIdentifier(u)) u = constInitializer(t, u) ?? u;
  if (t.isArrayLiteralExpression(u)) {
    return u.elements.length <= SMALL_BOUND && u.elements.every((x) => !t.isSpreadElement(x));
  }
  if (t.isCallExpression(u)) {
    const d = dottedName(t, u.expression);
    if (d && d.length === 2 && d[0] === 'Object' && (d[1] === 'keys' || d[1] === 'values' || d[1] === 'entries') && u.arguments.length === 1) {
      let o = unwrap(t, u.arguments[0]);
      if (t.isIdentifier(o)) o = constInitializer(t, o) ?? o;
      return t.isObjectLiteralExpression(o) && o.properties.length <= SMALL_BOUND * 2;
    }
  }
  return false;
}

const CHUNK_NAME = /chunk|batch|^(page|slice|window)$/i;

/** A collection that is one bounded slice of a bigger one: `chunk(xs, 10)`, `xs.slice(i, i + n)`, a `batch` variable. */
export function isChunk(t: T, e: ts.Expression | undefined, depth = 0): boolean {
  if (!e || depth > 3) return false;
  const u = unwrap(t, e);
  if (t.isCallExpression(u)) {
    const name = lastName(t, u.expression);
    if (!name) return false;
    if (name === 'slice' || name === 'splice') return u.arguments.length >= 2 || name === 'splice';
    return /chunk|batch|partition|paginate|split/i.test(name) && !/^split$/.test(name);
  }
  if (t.isIdentifier(u)) {
    if (CHUNK_NAME.test(u.text)) return true;
    const d = findDeclaration(t, u.text, u);
    if (!d) return false;
    if (d.initializer) return isChunk(t, d.initializer, depth + 1);
    // `for (const batch of chunks(xs, 10))`: the loop variable is a chunk when the iterated collection is chunks.
    const list = d.parent;
    if (list && t.isVariableDeclarationList(list) && list.parent && t.isForOfStatement(list.parent)) {
      return isChunkList(t, list.parent.expression);
    }
  }
  return false;
}

/** A list of chunks: `chunk(xs, 10)`, `_.chunk(...)`, a `batches`/`chunks` variable. */
export function isChunkList(t: T, e: ts.Expression): boolean {
  const u = unwrap(t, e);
  if (t.isCallExpression(u)) {
    const name = lastName(t, u.expression);
    return !!name && /chunk|batch|partition|paginate|pages/i.test(name);
  }
  if (t.isIdentifier(u)) {
    if (/chunks|batches|pages|groups|slices/i.test(u.text)) return true;
    const init = constInitializer(t, u);
    return !!init && isChunkList(t, init);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Names bound and changed inside a loop or callback: "does this call depend on the element?"

const boundCache = runCache<ts.Node, Set<string>>();

function addBindingNames(t: T, name: ts.BindingName | ts.Expression, out: Set<string>): void {
  if (t.isIdentifier(name)) out.add(name.text);
  else if (t.isObjectBindingPattern(name) || t.isArrayBindingPattern(name)) {
    for (const el of name.elements) if (!t.isOmittedExpression(el)) addBindingNames(t, el.name, out);
  } else if (t.isArrayLiteralExpression(name)) {
    for (const el of name.elements) addBindingNames(t, t.isSpreadElement(el) ? el.expression : el, out);
  } else if (t.isObjectLiteralExpression(name)) {
    for (const p of name.properties) {
      if (t.isShorthandPropertyAssignment(p)) out.add(p.name.text);
      else if (t.isPropertyAssignment(p)) addBindingNames(t, p.initializer, out);
    }
  }
}

/** Names declared or assigned anywhere inside a loop / callback (its parameters and loop variables included). */
export function namesBoundIn(t: T, ctxNode: ts.Node): Set<string> {
  let set = boundCache.get(ctxNode);
  if (set) return set;
  set = new Set();
  const out = set;
  const visit = (n: ts.Node): void => {
    if (t.isVariableDeclaration(n) || t.isParameter(n) || t.isBindingElement(n)) addBindingNames(t, n.name, out);
    else if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment) {
      addBindingNames(t, n.left, out);
    } else if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && t.isIdentifier(n.operand)) {
      out.add(n.operand.text);
    } else if (t.isCatchClause(n) && n.variableDeclaration) addBindingNames(t, n.variableDeclaration.name, out);
    t.forEachChild(n, visit);
  };
  visit(ctxNode);
  boundCache.set(ctxNode, set);
  return set;
}

/** Whether `e` reads any of `names` (as a variable, not a property name). */
export function referencesAny(t: T, e: ts.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (t.isIdentifier(n)) {
      if (names.has(n.text)) {
        const p = n.parent;
        const isPropName = (t.isPropertyAccessExpression(p) && p.name === n) || (t.isPropertyAssignment(p) && p.name === n);
        if (!isPropName) hit = true;
      }
      return;
    }
    t.forEachChild(n, visit);
  };
  visit(e);
  return hit;
}

/** Identifiers (variables) read by an expression. */
export function identifiersIn(t: T, e: ts.Node | undefined, out = new Set<string>()): Set<string> {
  if (!e) return out;
  const visit = (n: ts.Node): void => {
    if (t.isIdentifier(n)) {
      const p = n.parent;
      if (!(t.isPropertyAccessExpression(p) && p.name === n) && !(t.isPropertyAssignment(p) && p.name === n)) out.add(n.text);
      return;
    }
    if (!isFunctionLike(t, n)) t.forEachChild(n, visit);
  };
  visit(e);
  return out;
}

export function containsKind(t: T, n: ts.Node, kind: ts.SyntaxKind): boolean {
  let hit = false;
  const visit = (c: ts.Node): void => {
    if (hit) return;
    if (c.kind === kind) {
      hit = true;
      return;
    }
    if (!isFunctionLike(t, c)) t.forEachChild(c, visit);
  };
  visit(n);
  return hit;
}

export function loopBody(t: T, loop: ts.Node): ts.Statement | undefined {
  if (t.isForStatement(loop) || t.isForOfStatement(loop) || t.isForInStatement(loop) || t.isWhileStatement(loop) || t.isDoStatement(loop)) {
    return loop.statement;
  }
  return undefined;
}

export function loopCondition(t: T, loop: ts.Node): ts.Expression | undefined {
  if (t.isForStatement(loop)) return loop.condition;
  if (t.isWhileStatement(loop) || t.isDoStatement(loop)) return loop.expression;
  return undefined;
}

/**
 * Whether, once `node` has run, the loop is left at once: `node` sits in a `return`/`throw`, or an
 * unconditional `return`/`break`/`throw` follows it in the same block (first-success and retry loops).
 */
export function exitsLoopAfter(t: T, node: ts.Node, loop: ts.Node): boolean {
  let breakHitsLoop = true;
  let child: ts.Node = node;
  for (let p = node.parent; p && p !== loop; child = p, p = p.parent) {
    if (isFunctionLike(t, p)) return false;
    if (t.isReturnStatement(p) || t.isThrowStatement(p)) return true;
    // A `break` below an inner switch or loop leaves that, not ours.
    if (t.isCaseClause(p) || t.isDefaultClause(p) || t.isIterationStatement(p, false)) breakHitsLoop = false;
    if (t.isBlock(p)) {
      const i = p.statements.indexOf(child as ts.Statement);
      for (let j = i + 1; j < p.statements.length; j++) {
        const s = p.statements[j];
        if (t.isReturnStatement(s) || t.isThrowStatement(s)) return true;
        if (t.isBreakStatement(s) && breakHitsLoop && !s.label) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// "Is this loop driven by what it awaits?" — pagination, polling, retry-until-success.

const drivenCache = runCache<ts.Node, boolean>();

const TIMER_NAMES = /^(sleep|delay|wait|setTimeout|backoff|pause|timeout)$/i;

/**
 * A `for`/`while`/`do` loop whose continuation depends on an awaited result (`while (cursor)`,
 * `if (page.length < size) break`, `while ((job = await next()))`) or that waits on a timer: it pages,
 * polls or retries, rather than walking a collection it already has.
 */
export function isDrivenByAwaitedResult(t: T, loop: ts.Node): boolean {
  const cached = drivenCache.get(loop);
  if (cached !== undefined) return cached;
  const result = computeDriven(t, loop);
  drivenCache.set(loop, result);
  return result;
}

function computeDriven(t: T, loop: ts.Node): boolean {
  if (t.isForOfStatement(loop) || t.isForInStatement(loop)) return false;
  const cond = loopCondition(t, loop);
  const body = loopBody(t, loop);
  if (!body) return false;
  if (cond && containsKind(t, cond, t.SyntaxKind.AwaitExpression)) return true;

  // Names holding awaited values (and values derived from them), assigned inside the body.
  const awaited = new Set<string>();
  const assignments: { names: Set<string>; rhs: ts.Node }[] = [];
  const guards: ts.Expression[] = [];
  let waitsOnTimer = false;
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(t, n)) {
      // `await new Promise(r => setTimeout(r, ms))`
      return;
    }
    if (t.isVariableDeclaration(n) && n.initializer) {
      const names = new Set<string>();
      addBindingNames(t, n.name, names);
      assignments.push({ names, rhs: n.initializer });
    } else if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment) {
      const names = new Set<string>();
      addBindingNames(t, n.left, names);
      assignments.push({ names, rhs: n.right });
    } else if (t.isIfStatement(n) && exitsDirectly(t, n.thenStatement)) {
      guards.push(n.expression);
    } else if (t.isAwaitExpression(n)) {
      const e = unwrap(t, n.expression);
      if (t.isCallExpression(e) && TIMER_NAMES.test(lastName(t, e.expression) ?? '')) waitsOnTimer = true;
      if (t.isNewExpression(e) && e.arguments?.some((a) => (t.isArrowFunction(a) || t.isFunctionExpression(a)) && containsTimer(t, a))) waitsOnTimer = true;
    }
    t.forEachChild(n, visit);
  };
  visit(body);
  if (waitsOnTimer) return true;
  for (const a of assignments) if (containsKind(t, a.rhs, t.SyntaxKind.AwaitExpression)) a.names.forEach((x) => awaited.add(x));
  for (let pass = 0; pass < 2; pass++) {
    for (const a of assignments) if (referencesAny(t, a.rhs, awaited)) a.names.forEach((x) => awaited.add(x));
  }
  if (awaited.size === 0) return false;
  // A loop over a collection it already holds (`i < ids.length`, `while (queue.length)`) is per element even with early exits.
  const coll = cond ? lengthCollection(t, cond) : undefined;
  if (coll && !referencesAny(t, coll, awaited)) return false;
  if (cond && referencesAny(t, cond, awaited)) return true;
  return guards.some((g) => referencesAny(t, g, awaited));
}

function exitsDirectly(t: T, s: ts.Statement): boolean {
  if (t.isBreakStatement(s) || t.isReturnStatement(s) || t.isThrowStatement(s)) return true;
  return t.isBlock(s) && s.statements.some((x) => t.isBreakStatement(x) || t.isReturnStatement(x));
}

function containsTimer(t: T, fn: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (t.isCallExpression(n) && TIMER_NAMES.test(lastName(t, n.expression) ?? '')) hit = true;
    else t.forEachChild(n, visit);
  };
  visit(fn);
  return hit;
}

// ---------------------------------------------------------------------------------------------------
// Recursion over a list: `function load(nodes) { ...query...; load(rest) }`.

export interface ListRecursion {
  name: string;
  /** The self-call. */
  call: ts.CallExpression;
  /** What it recurses over, for the message. */
  over: string;
}

const recursionCache = runCache<ts.Node, ListRecursion | null>();
const LIST_ARG_NAME = /^(rest|tail|remaining|others|children|nodes|items|subtree|descendants|kids|replies|subcategories|next)$/i;

function functionName(t: T, fn: ts.FunctionLikeDeclaration): string | undefined {
  if ((t.isFunctionDeclaration(fn) || t.isFunctionExpression(fn) || t.isMethodDeclaration(fn)) && fn.name && t.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (p && t.isVariableDeclaration(p) && t.isIdentifier(p.name)) return p.name.text;
  if (p && t.isPropertyDeclaration(p) && t.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** When `fn` calls itself on a smaller list or on each child, how; else undefined. */
export function listRecursion(t: T, sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration): ListRecursion | undefined {
  const cached = recursionCache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  let found: ListRecursion | undefined;
  const name = functionName(t, fn);
  if (name && fn.body) {
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (t.isCallExpression(n)) {
        const callee = unwrap(t, n.expression);
        const self =
          (t.isIdentifier(callee) && callee.text === name) ||
          (t.isPropertyAccessExpression(callee) && callee.name.text === name && callee.expression.kind === t.SyntaxKind.ThisKeyword);
        if (self) {
          const over = recursionTarget(t, sf, n, fn);
          if (over) found = { name, call: n, over };
        }
      }
      t.forEachChild(n, visit);
    };
    visit(fn.body);
  }
  recursionCache.set(fn, found ?? null);
  return found;
}

function recursionTarget(t: T, sf: ts.SourceFile, call: ts.CallExpression, fn: ts.Node): string | undefined {
  for (const a of call.arguments) {
    const u = unwrap(t, t.isSpreadElement(a) ? a.expression : a);
    const n = lastName(t, u);
    if (n && LIST_ARG_NAME.test(n)) return shortText(sf, u);
    if (t.isCallExpression(u) && lastName(t, u.expression) === 'slice') return shortText(sf, u);
  }
  // The self-call runs per element of something inside the function: `for (const c of node.children) walk(c)`.
  const { contexts } = enclosingContexts(t, call);
  const inner = contexts.find((c) => isWithin(c.node, fn));
  if (inner?.collection) return shortText(sf, inner.collection);
  return undefined;
}

export function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
