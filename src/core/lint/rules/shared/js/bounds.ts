// "Is this loop bounded by a small constant, or over one chunk of a bigger collection?": the loops that run a
// few times (`for (let i = 0; i < 3; i++)`, retries, small literal arrays) or once per batch (`chunk(xs, 10)`).
import type * as ts from 'typescript';
import type { JsMemo } from './memo';
import { constInitializer, findDeclaration } from './name-resolution';
import { dottedName, lastName, unwrap } from './nodes';

type T = typeof ts;

/** Largest literal loop bound / literal array length still taken for "a few", not "a collection". */
export const SMALL_BOUND = 10;

const RETRY_NAME = /attempt|retr(y|ies)|tries|tried/i;

function smallNumber(t: T, memo: JsMemo, e: ts.Expression): boolean {
  const u = unwrap(t, e);
  if (t.isNumericLiteral(u)) return Number(u.text) <= SMALL_BOUND;
  if (t.isIdentifier(u) || t.isPropertyAccessExpression(u)) {
    const name = lastName(t, u)!;
    if (RETRY_NAME.test(name)) return true;
    const init = t.isIdentifier(u) ? constInitializer(t, memo, u) : undefined;
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
export function hasSmallConstantBound(t: T, memo: JsMemo, loop: ts.Node): boolean {
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
        if ((isCounter && smallNumber(t, memo, limit)) || RETRY_NAME.test(lastName(t, c) ?? '') || RETRY_NAME.test(lastName(t, limit) ?? '')) small = true;
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
export function isSmallLiteralCollection(t: T, memo: JsMemo, e: ts.Expression | undefined): boolean {
  if (!e) return false;
  let u = unwrap(t, e);
  if (t.isIdentifier(u)) u = constInitializer(t, memo, u) ?? u;
  if (t.isArrayLiteralExpression(u)) {
    return u.elements.length <= SMALL_BOUND && u.elements.every((x) => !t.isSpreadElement(x));
  }
  if (t.isCallExpression(u)) {
    const d = dottedName(t, u.expression);
    if (d && d.length === 2 && d[0] === 'Object' && (d[1] === 'keys' || d[1] === 'values' || d[1] === 'entries') && u.arguments.length === 1) {
      let o = unwrap(t, u.arguments[0]);
      if (t.isIdentifier(o)) o = constInitializer(t, memo, o) ?? o;
      return t.isObjectLiteralExpression(o) && o.properties.length <= SMALL_BOUND * 2;
    }
  }
  return false;
}

const CHUNK_NAME = /chunk|batch|^(page|slice|window)$/i;

/** A collection that is one bounded slice of a bigger one: `chunk(xs, 10)`, `xs.slice(i, i + n)`, a `batch` variable. */
export function isChunk(t: T, memo: JsMemo, e: ts.Expression | undefined, depth = 0): boolean {
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
    const d = findDeclaration(t, memo, u.text, u);
    if (!d) return false;
    if (d.initializer) return isChunk(t, memo, d.initializer, depth + 1);
    // `for (const batch of chunks(xs, 10))`: the loop variable is a chunk when the iterated collection is chunks.
    const list = d.parent;
    if (list && t.isVariableDeclarationList(list) && list.parent && t.isForOfStatement(list.parent)) {
      return isChunkList(t, memo, list.parent.expression);
    }
  }
  return false;
}

/** A list of chunks: `chunk(xs, 10)`, `_.chunk(...)`, a `batches`/`chunks` variable. */
export function isChunkList(t: T, memo: JsMemo, e: ts.Expression): boolean {
  const u = unwrap(t, e);
  if (t.isCallExpression(u)) {
    const name = lastName(t, u.expression);
    return !!name && /chunk|batch|partition|paginate|pages/i.test(name);
  }
  if (t.isIdentifier(u)) {
    if (/chunks|batches|pages|groups|slices/i.test(u.text)) return true;
    const init = constInitializer(t, memo, u);
    return !!init && isChunkList(t, memo, init);
  }
  return false;
}
