// unbounded-concurrency (JS/TS): one promise per element, all started at once, with nothing bounding them.
// The advice is always "bound it" (p-limit, p-map's `concurrency`, chunks) and never "await in a loop":
// ESLint's no-await-in-loop recommends Promise.all(xs.map(...)), and both rules must be satisfiable at once.
import type * as ts from 'typescript';
import type { JsContext, JsVisitor } from '../../rule';
import type { JsMemo } from '../shared/js/memo';
import { hasSmallConstantBound, isChunk, isSmallLiteralCollection } from '../shared/js/bounds';
import { findDeclaration } from '../shared/js/name-resolution';
import { dottedName, isFunctionLike, isWithin, lastName, lineOf, shortText, unwrap } from '../shared/js/nodes';
import { describeContext, enclosingContexts } from '../shared/js/per-element';

type T = typeof ts;

const BOUND_IT = 'Bound it: `const limit = pLimit(10)` and `limit(() => …)` around each task, `pMap(items, fn, { concurrency: 10 })`, or process chunks of 10 with `Promise.all` per chunk.';

/** Message templates for the js side of `unbounded-concurrency`, keyed by messageId. */
export const messages: Record<string, string> = {
  promiseAllMap:
    '`{call}` starts one promise per element of `{collection}`, all at once: concurrency grows with the input (open sockets, pool connections, rate limits, memory). ' + BOUND_IT,
  promiseAllPushed:
    '`{call}` waits on `{array}`, filled with one promise per element in the {loop}: they all run at once, with no bound. ' + BOUND_IT,
  forEachAsync:
    '`{collection}.{method}(async …)` starts one promise per element, all at once, and nothing waits for them: unbounded AND fire-and-forget (errors become unhandled rejections, the caller continues before the work is done). Use `await pMap({collection}, fn, { concurrency: 10 })`, or p-limit with `await Promise.all(...)`.',
  helperNoConcurrency:
    '`{call}` runs its callback for every element of `{collection}` at once ({why}). Pass a bound: {fix}.',
};

const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
const LIMITER_CALLEE = /limit|throttle/i;
const LIMITER_FACTORIES = /^(pLimit|pThrottle|limitFunction|pQueue|createLimiter|throttle|limit|Bottleneck|PQueue|Semaphore|Mutex|Sema)$/;

export function createJs(ctx: JsContext): JsVisitor {
  const t = ctx.ts;
  const sf = ctx.sourceFile;
  const memo = ctx.memo;
  const S = t.SyntaxKind;

  const reportAt = (call: ts.CallExpression, messageId: string, data: Record<string, string>): void => {
    ctx.report({ start: call.getStart(sf), end: call.expression.end, messageId, data });
  };

  const checkCombinator = (call: ts.CallExpression, name: string): void => {
    const arg0 = call.arguments[0];
    if (!arg0) return;
    const arg = unwrap(t, arg0);
    const data = (collection: ts.Expression) => ({ call: name, collection: shortText(sf, collection) });
    if (t.isArrayLiteralExpression(arg)) {
      for (const el of arg.elements) {
        if (!t.isSpreadElement(el)) continue;
        const m = perElementMap(t, el.expression);
        if (m && startsUnboundedWork(t, memo, m)) return reportAt(call, 'promiseAllMap', data(m.collection));
      }
      return;
    }
    const m = perElementMap(t, arg);
    if (m) {
      if (startsUnboundedWork(t, memo, m)) reportAt(call, 'promiseAllMap', data(m.collection));
      return;
    }
    if (t.isIdentifier(arg)) {
      const decl = findDeclaration(t, memo, arg.text, arg);
      if (!decl || !t.isVariableDeclaration(decl) || !decl.initializer) return;
      const init = unwrap(t, decl.initializer);
      const mapped = perElementMap(t, init);
      if (mapped) {
        if (startsUnboundedWork(t, memo, mapped)) reportAt(call, 'promiseAllMap', data(mapped.collection));
        return;
      }
      if (t.isArrayLiteralExpression(init) && init.elements.length === 0) {
        const loop = pushedInUnboundedLoop(t, memo, sf, arg.text, decl, call);
        if (loop) reportAt(call, 'promiseAllPushed', { call: name, array: arg.text, loop });
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (node.kind !== S.CallExpression) return;
    const call = node as ts.CallExpression;
    const callee = unwrap(t, call.expression);
    if (!t.isPropertyAccessExpression(callee)) {
      if (t.isIdentifier(callee) && (callee.text === 'pMap' || callee.text === 'pFilter' || callee.text === 'pMapIterable')) checkPMap(call, callee.text);
      return;
    }
    const method = callee.name.text;
    if (PROMISE_COMBINATORS.has(method)) {
      const owner = unwrap(t, callee.expression);
      if (t.isIdentifier(owner) && owner.text === 'Promise') checkCombinator(call, `Promise.${method}`);
      return;
    }
    const owner = unwrap(t, callee.expression);
    if (t.isIdentifier(owner) && (owner.text === 'Bluebird' || owner.text === 'async')) {
      if (method === 'map' || method === 'each' || method === 'filter' || method === 'forEach' || method === 'concat') checkHelper(call, owner.text, method);
      return;
    }
    if (method === 'forEach' || method === 'map') {
      // Fire-and-forget: xs.forEach(async …), or xs.map(async …) whose result is dropped.
      const fn = call.arguments[0] && unwrap(t, call.arguments[0]);
      if (!fn || !(t.isArrowFunction(fn) || t.isFunctionExpression(fn)) || !isAsync(t, fn)) return;
      if (method === 'map' && !(call.parent && t.isExpressionStatement(call.parent))) return;
      const m: PerElementMap = { collection: callee.expression, fn, call };
      if (!isBoundedCollection(t, memo, m.collection) && !wrapsInLimiter(t, memo, fn)) {
        reportAt(call, 'forEachAsync', { collection: shortText(sf, m.collection), method });
      }
      return;
    }
  };
  return { kinds: [S.CallExpression], visit };

  /** p-map defaults to `concurrency: Infinity`. */
  function checkPMap(call: ts.CallExpression, name: string): void {
    const [coll, fn, options] = call.arguments;
    if (!coll || !fn || isBoundedCollection(t, memo, coll)) return;
    if (hasConcurrencyOption(t, options)) return;
    if (options && !t.isObjectLiteralExpression(unwrap(t, options))) return; // options built elsewhere: assume set
    reportAt(call, 'helperNoConcurrency', {
      call: name,
      collection: shortText(sf, coll),
      why: "p-map's default `concurrency` is `Infinity`",
      fix: `\`${name}(${shortText(sf, coll)}, fn, { concurrency: 10 })\``,
    });
  }

  /** Bluebird.map without `{ concurrency }`; async.map / async.each run everything in parallel. */
  function checkHelper(call: ts.CallExpression, owner: string, method: string): void {
    const [coll, fn, options] = call.arguments;
    if (!coll || !fn || isBoundedCollection(t, memo, coll)) return;
    if (owner === 'Bluebird') {
      if (method === 'each' || hasConcurrencyOption(t, options)) return; // Bluebird.each is sequential
      if (options && !t.isObjectLiteralExpression(unwrap(t, options))) return;
      reportAt(call, 'helperNoConcurrency', {
        call: `Bluebird.${method}`, collection: shortText(sf, coll),
        why: 'without `concurrency` Bluebird runs them all in parallel',
        fix: `\`Bluebird.${method}(${shortText(sf, coll)}, fn, { concurrency: 10 })\``,
      });
    } else {
      reportAt(call, 'helperNoConcurrency', {
        call: `async.${method}`, collection: shortText(sf, coll),
        why: `\`async.${method}\` runs all iterations in parallel`,
        fix: `\`async.${method}Limit(${shortText(sf, coll)}, 10, fn)\``,
      });
    }
  }
}

interface PerElementMap {
  collection: ts.Expression;
  /** The callback, or a function reference (`xs.map(sendEmail)`). */
  fn: ts.Expression;
  call: ts.CallExpression;
}

/** `xs.map(fn)`, `xs.flatMap(fn)`, `Array.from(xs, fn)`, `_.map(xs, fn)`, also through `.filter(Boolean)`. */
function perElementMap(t: T, e: ts.Expression): PerElementMap | undefined {
  const u = unwrap(t, e);
  if (!t.isCallExpression(u)) return undefined;
  const callee = unwrap(t, u.expression);
  if (!t.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if ((method === 'map' || method === 'flatMap') && u.arguments.length >= 1) {
    return { collection: callee.expression, fn: unwrap(t, u.arguments[0]), call: u };
  }
  const owner = dottedName(t, callee.expression);
  if (owner && owner.length === 1 && u.arguments.length >= 2) {
    if ((owner[0] === 'Array' && method === 'from') || ((owner[0] === '_' || owner[0] === 'lodash') && method === 'map')) {
      return { collection: u.arguments[0], fn: unwrap(t, u.arguments[1]), call: u };
    }
  }
  if (method === 'filter' || method === 'slice' || method === 'concat') return perElementMap(t, callee.expression);
  return undefined;
}

function isAsync(t: T, fn: ts.Node): boolean {
  const mods = (fn as ts.ArrowFunction).modifiers;
  return !!mods && mods.some((m) => m.kind === t.SyntaxKind.AsyncKeyword);
}

/** A handful of literal values, or one chunk of a bigger list. */
function isBoundedCollection(t: T, memo: JsMemo, e: ts.Expression): boolean {
  const u = unwrap(t, e);
  if (isSmallLiteralCollection(t, memo, u) || isChunk(t, memo, u)) return true;
  // Array.from({ length: 5 }, ...)
  if (t.isObjectLiteralExpression(u)) {
    return u.properties.some((p) => t.isPropertyAssignment(p) && t.isIdentifier(p.name) && p.name.text === 'length' && t.isNumericLiteral(p.initializer) && Number(p.initializer.text) <= 10);
  }
  return false;
}

function startsUnboundedWork(t: T, memo: JsMemo, m: PerElementMap): boolean {
  // A chunk (`batch.map`, `xs.slice(i, i + n).map`) is bounded by the chunk size.
  if (isBoundedCollection(t, memo, m.collection)) return false;
  const fn = m.fn;
  if (t.isArrowFunction(fn) || t.isFunctionExpression(fn)) {
    if (wrapsInLimiter(t, memo, fn)) return false;
    if (isAsync(t, fn)) return true;
    return returnsCall(t, fn);
  }
  // xs.map(sendEmail): a function reference, unless it is a limiter-wrapped one
  if (t.isIdentifier(fn) || t.isPropertyAccessExpression(fn)) return !isLimiterReference(t, memo, fn);
  if (t.isCallExpression(fn)) return !isLimiterCall(t, memo, fn); // xs.map(limiter.wrap(send))
  return false;
}

/** The callback returns the result of a call (a promise, since it goes to Promise.all). */
function returnsCall(t: T, fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const isWork = (e: ts.Expression | undefined): boolean => {
    if (!e) return false;
    const u = unwrap(t, e);
    if (t.isConditionalExpression(u)) return isWork(u.whenTrue) || isWork(u.whenFalse);
    if (t.isBinaryExpression(u) && (u.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken || u.operatorToken.kind === t.SyntaxKind.BarBarToken || u.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken)) {
      return isWork(u.right);
    }
    return t.isCallExpression(u) || t.isNewExpression(u) || t.isAwaitExpression(u) || t.isTaggedTemplateExpression(u);
  };
  if (!t.isBlock(fn.body)) return isWork(fn.body);
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit || isFunctionLike(t, n)) return;
    if (t.isReturnStatement(n) && isWork(n.expression)) hit = true;
    else t.forEachChild(n, visit);
  };
  t.forEachChild(fn.body, visit);
  return hit;
}

function isLimiterCall(t: T, memo: JsMemo, call: ts.CallExpression): boolean {
  const callee = unwrap(t, call.expression);
  const name = lastName(t, callee);
  if (!name) return false;
  if (LIMITER_CALLEE.test(name)) return true;
  if (t.isPropertyAccessExpression(callee)) {
    const owner = lastName(t, callee.expression) ?? '';
    if ((name === 'schedule' || name === 'wrap' || name === 'submit') && /limiter|bottleneck|throttle|scheduler/i.test(owner)) return true;
    if ((name === 'add' || name === 'addAll' || name === 'push') && /queue/i.test(owner)) return true;
    if ((name === 'acquire' || name === 'runExclusive' || name === 'use' || name === 'run') && /sem|mutex|lock|limiter|pool/i.test(owner)) return true;
  }
  if (t.isIdentifier(callee)) return isLimiterReference(t, memo, callee);
  return false;
}

/** An identifier bound to `pLimit(n)`, `new Bottleneck(...)`, `limiter.wrap(fn)`... */
function isLimiterReference(t: T, memo: JsMemo, e: ts.Expression): boolean {
  if (!t.isIdentifier(e)) return false;
  const d = findDeclaration(t, memo, e.text, e);
  const init = d && t.isVariableDeclaration(d) && d.initializer ? unwrap(t, d.initializer) : undefined;
  if (!init) return false;
  if (t.isCallExpression(init) || t.isNewExpression(init)) {
    const name = lastName(t, init.expression);
    if (name && LIMITER_FACTORIES.test(name)) return true;
    if (t.isCallExpression(init)) return isLimiterCall(t, memo, init);
  }
  return false;
}

/** The callback routes its work through a limiter, queue or semaphore. */
function wrapsInLimiter(t: T, memo: JsMemo, fn: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (t.isCallExpression(n) && isLimiterCall(t, memo, n)) hit = true;
    else t.forEachChild(n, visit);
  };
  t.forEachChild(fn, visit);
  return hit;
}

/**
 * `const ps = []; for (const x of xs) ps.push(send(x)); await Promise.all(ps)`: the loop that pushes one
 * started promise per element, described for the message; undefined when bounded or flushed in batches.
 */
function pushedInUnboundedLoop(t: T, memo: JsMemo, sf: ts.SourceFile, name: string, decl: ts.VariableDeclaration, combinator: ts.CallExpression): string | undefined {
  const scope = decl.parent?.parent?.parent; // VariableDeclarationList → VariableStatement → Block/SourceFile
  if (!scope) return undefined;
  let found: string | undefined;
  let flushed = false;
  const visit = (n: ts.Node): void => {
    if (found || flushed) return;
    if (t.isCallExpression(n)) {
      const callee = unwrap(t, n.expression);
      if (t.isPropertyAccessExpression(callee) && callee.name.text === 'push' && t.isIdentifier(unwrap(t, callee.expression)) && (unwrap(t, callee.expression) as ts.Identifier).text === name) {
        const pushed = n.arguments[0] && unwrap(t, n.arguments[0]);
        if (pushed && (t.isCallExpression(pushed) || t.isNewExpression(pushed)) && !(t.isCallExpression(pushed) && isLimiterCall(t, memo, pushed))) {
          const { contexts } = enclosingContexts(t, n);
          const loop = contexts.find((c) => isWithin(c.node, scope) && !isWithin(combinator, c.node));
          if (loop) {
            const bounded =
              (loop.kind === 'for' || loop.kind === 'while' || loop.kind === 'do…while') ? hasSmallConstantBound(t, memo, loop.node)
              : isSmallLiteralCollection(t, memo, loop.collection) || (!!loop.collection && isChunk(t, memo, loop.collection));
            if (bounded || flushesInside(t, name, loop.node)) flushed = true;
            else found = describeContext(t, sf, loop).replace(/ at line \d+$/, '') + ` at line ${lineOf(sf, loop.node)}`;
          }
        }
      }
    }
    t.forEachChild(n, visit);
  };
  visit(scope);
  return flushed ? undefined : found;
}

/** The loop awaits or empties the array itself (manual batching): `if (ps.length >= 10) { await Promise.all(ps); ps = [] }`. */
function flushesInside(t: T, name: string, loop: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (t.isCallExpression(n)) {
      const d = dottedName(t, n.expression);
      if (d && d[0] === 'Promise' && n.arguments.some((a) => t.isIdentifier(unwrap(t, a)) && (unwrap(t, a) as ts.Identifier).text === name)) hit = true;
      if (d && d.length === 2 && d[0] === name && (d[1] === 'splice' || d[1] === 'shift')) hit = true;
    } else if (t.isBinaryExpression(n) && n.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      const l = unwrap(t, n.left);
      if (t.isIdentifier(l) && l.text === name) hit = true;
      if (t.isPropertyAccessExpression(l) && l.name.text === 'length' && t.isIdentifier(l.expression) && l.expression.text === name) hit = true;
    }
    if (!hit) t.forEachChild(n, visit);
  };
  visit(loop);
  return hit;
}

function hasConcurrencyOption(t: T, options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const o = unwrap(t, options);
  if (!t.isObjectLiteralExpression(o)) return false;
  return o.properties.some((p) => {
    if (t.isShorthandPropertyAssignment(p)) return p.name.text === 'concurrency';
    if (!t.isPropertyAssignment(p) || !t.isIdentifier(p.name) || p.name.text !== 'concurrency') return false;
    const v = unwrap(t, p.initializer);
    return !(t.isIdentifier(v) && v.text === 'Infinity');
  });
}
