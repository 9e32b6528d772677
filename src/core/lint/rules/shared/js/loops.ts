// How a loop runs: its body and condition, whether it is left at once after a node (first-success, retry), and
// whether it is driven by what it awaits (pagination, polling, retry-until-success) rather than a collection it holds.
import type * as ts from 'typescript';
import type { JsMemo } from './memo';
import { addBindingNames } from './name-resolution';
import { containsKind, isFunctionLike, lastName, referencesAny, unwrap } from './nodes';
import { lengthCollection } from './per-element';

type T = typeof ts;

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

const TIMER_NAMES = /^(sleep|delay|wait|setTimeout|backoff|pause|timeout)$/i;

/**
 * A `for`/`while`/`do` loop whose continuation depends on an awaited result (`while (cursor)`,
 * `if (page.length < size) break`, `while ((job = await next()))`) or that waits on a timer: it pages,
 * polls or retries, rather than walking a collection it already has.
 */
export function isDrivenByAwaitedResult(t: T, memo: JsMemo, loop: ts.Node): boolean {
  const cached = memo.drivenByAwait.get(loop);
  if (cached !== undefined) return cached;
  const result = computeDriven(t, loop);
  memo.drivenByAwait.set(loop, result);
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
