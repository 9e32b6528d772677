// quadratic-building (JS/TS): building a result by copying the whole accumulator for every element.
import type * as ts from 'typescript';
import type { Fix } from '../../finding';
import type { JsContext, JsVisitor } from '../../rule';
import type { JsMemo } from '../shared/js/memo';
import { hasSmallConstantBound, isSmallLiteralCollection } from '../shared/js/bounds';
import { findDeclaration } from '../shared/js/name-resolution';
import { isFunctionLike, isWithin, lineOf, unwrap, valueParent } from '../shared/js/nodes';
import {
  describeContext, enclosingContexts, iterationCallback, type PerElementContext,
} from '../shared/js/per-element';

type T = typeof ts;

/** Message templates for the js side of `quadratic-building`, keyed by messageId. */
export const messages: Record<string, string> = {
  spreadArray:
    '`[...{acc}, …]` copies the whole accumulator for every element ({where}): O(n²) time in total. Push into the accumulator instead: `{acc}.push(x); return {acc};` (or use `map`/`flatMap`/`filter` when that is all the reduce does).',
  spreadObject:
    '`{ ...{acc}, … }` copies every key of the accumulator for every element ({where}): O(n²) time in total. Assign in place instead: `{acc}[key] = value; return {acc};`, or build it once with `Object.fromEntries(...)` or a `Map`.',
  spreadArrayLoop:
    '`{acc} = [...{acc}, …]` copies the whole array on every iteration ({where}): O(n²) time in total. Push instead: `{acc}.push(x)`.',
  spreadObjectLoop:
    '`{acc} = { ...{acc}, … }` copies every key on every iteration ({where}): O(n²) time in total. Assign in place instead (`{acc}[key] = value`), or build it once with `Object.fromEntries(...)` or a `Map`.',
  concat:
    '`{acc}.concat(…)` copies the whole accumulator for every element ({where}): O(n²) time in total. Push into it instead (`{acc}.push(...items)`), or build the result with `flatMap`.',
  objectAssign:
    '`Object.assign({}, {acc}, …)` copies every key of the accumulator for every element ({where}): O(n²) time in total. Assign into the accumulator itself (`Object.assign({acc}, …)` or `{acc}[key] = value`), or use `Object.fromEntries(...)`.',
  stringFlatten:
    '`{acc}` is appended to {where}, and each iteration also reads it with `{read}` (line {line}). V8 appends in O(1) by building a rope, but `{read}` flattens the rope, copying the whole string on every iteration: O(n²) in total. Collect the parts in an array and `join(\'\')` once; keep what you search for in a separate structure (e.g. a Set of the parts added).',
};

/** String methods that read the characters of the string (and so flatten a rope). `length` does not. */
const FLATTENING_METHODS = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'search', 'match', 'matchAll', 'replace', 'replaceAll', 'charAt', 'charCodeAt',
  'codePointAt', 'split', 'slice', 'substring', 'substr', 'endsWith', 'startsWith', 'at', 'trim', 'trimEnd', 'trimStart',
  'toLowerCase', 'toUpperCase', 'localeCompare', 'normalize', 'padEnd', 'padStart',
]);

interface Accumulation {
  /** Where it happens, for the message. */
  where: string;
  /** For reduce callbacks: the callback and the reduce call (the quick fix needs both). */
  reduce?: { callback: ts.ArrowFunction | ts.FunctionExpression; call: ts.CallExpression };
  /** The loop or callback that repeats the copy. */
  context: ts.Node;
}

export function createJs(ctx: JsContext): JsVisitor {
  const t = ctx.ts;
  const sf = ctx.sourceFile;
  const memo = ctx.memo;
  const reads: FlatteningReads = new WeakMap();
  const S = t.SyntaxKind;

  const reportCopy = (node: ts.Node, end: number, messageId: string, acc: string, a: Accumulation, fixes?: Fix[]): void => {
    ctx.report({ start: node.getStart(sf), end, messageId, data: { acc, where: a.where }, fixes });
  };

  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case S.ArrayLiteralExpression: {
        const lit = node as ts.ArrayLiteralExpression;
        for (const el of lit.elements) {
          if (!t.isSpreadElement(el)) continue;
          const name = accName(t, el.expression);
          if (!name) continue;
          const a = accumulation(t, memo, sf, lit, name);
          if (!a) continue;
          const fix = a.reduce && lit.elements[0] === el ? arrayFix(t, sf, lit, name, a.reduce) : undefined;
          reportCopy(lit, el.end, a.reduce ? 'spreadArray' : 'spreadArrayLoop', name, a, fix ? [fix] : undefined);
          break;
        }
        break;
      }
      case S.ObjectLiteralExpression: {
        const lit = node as ts.ObjectLiteralExpression;
        for (const p of lit.properties) {
          if (!t.isSpreadAssignment(p)) continue;
          const name = accName(t, p.expression);
          if (!name) continue;
          const a = accumulation(t, memo, sf, lit, name);
          if (!a) continue;
          const fix = a.reduce && lit.properties[0] === p ? objectFix(t, sf, lit, name, a.reduce) : undefined;
          reportCopy(lit, p.end, a.reduce ? 'spreadObject' : 'spreadObjectLoop', name, a, fix ? [fix] : undefined);
          break;
        }
        break;
      }
      case S.CallExpression: {
        const call = node as ts.CallExpression;
        const callee = unwrap(t, call.expression);
        if (!t.isPropertyAccessExpression(callee)) break;
        if (callee.name.text === 'concat') {
          const name = accName(t, callee.expression);
          const a = name && accumulation(t, memo, sf, call, name);
          if (a && !isStringReduce(t, a)) reportCopy(call, callee.end, 'concat', name, a);
        } else if (callee.name.text === 'assign' && t.isIdentifier(callee.expression) && callee.expression.text === 'Object') {
          const first = call.arguments[0] && unwrap(t, call.arguments[0]);
          if (!first || !t.isObjectLiteralExpression(first) || first.properties.length > 0) break;
          for (const arg of call.arguments.slice(1)) {
            const name = accName(t, arg);
            const a = name && accumulation(t, memo, sf, call, name);
            if (a) {
              reportCopy(call, callee.end, 'objectAssign', name, a);
              break;
            }
          }
        }
        break;
      }
      case S.BinaryExpression:
        checkStringAppend(node as ts.BinaryExpression);
        break;
    }
  };
  return { kinds: [S.ArrayLiteralExpression, S.ObjectLiteralExpression, S.CallExpression, S.BinaryExpression], visit };

  /** `s += x`, `s = s + x`, `s = x + s`, or `acc + x` returned from a reduce callback. */
  function checkStringAppend(b: ts.BinaryExpression): void {
    const op = b.operatorToken.kind;
    let name: string | undefined;
    let site: ts.Node = b;
    if (op === S.PlusEqualsToken) {
      name = accName(t, b.left);
    } else if (op === S.EqualsToken) {
      const r = unwrap(t, b.right);
      const left = accName(t, b.left);
      if (left && t.isBinaryExpression(r) && r.operatorToken.kind === S.PlusToken && (accName(t, leftmost(t, r)) === left || accName(t, r.right) === left)) name = left;
    } else if (op === S.PlusToken) {
      // reduce((acc, x) => acc + x, ''): only the outermost + of the returned expression
      const l = accName(t, leftmost(t, b));
      if (!l || (b.parent && t.isBinaryExpression(b.parent) && b.parent.operatorToken.kind === S.PlusToken)) return;
      const a = accumulation(t, memo, sf, b, l);
      if (!a?.reduce) return;
      name = l;
      site = b;
      const read = flatteningRead(t, sf, reads, a.reduce.callback, l);
      if (read) ctx.report({ start: site.getStart(sf), end: b.end, messageId: 'stringFlatten', data: { acc: l, where: a.where, read: read.what, line: read.line } });
      return;
    }
    if (!name || !t.isIdentifier(unwrap(t, op === S.PlusEqualsToken ? b.left : b.left))) return;
    const a = loopAccumulation(t, memo, sf, b, name);
    if (!a) return;
    const read = flatteningRead(t, sf, reads, a.context, name);
    if (read) {
      ctx.report({ start: site.getStart(sf), end: b.operatorToken.end, messageId: 'stringFlatten', data: { acc: name, where: a.where, read: read.what, line: read.line } });
    }
  }
}

function leftmost(t: T, e: ts.Expression): ts.Expression {
  let cur = unwrap(t, e);
  while (t.isBinaryExpression(cur) && cur.operatorToken.kind === t.SyntaxKind.PlusToken) cur = unwrap(t, cur.left);
  return cur;
}

/** The accumulator as text when it is a plain name (`acc`, `result`, `this.items`). */
function accName(t: T, e: ts.Expression): string | undefined {
  const u = unwrap(t, e);
  if (t.isIdentifier(u)) return u.text;
  if (t.isPropertyAccessExpression(u) && u.expression.kind === t.SyntaxKind.ThisKeyword) return `this.${u.name.text}`;
  return undefined;
}

function isStringReduce(t: T, a: Accumulation): boolean {
  const init = a.reduce?.call.arguments[1];
  return !!init && (t.isStringLiteralLike(unwrap(t, init)) || t.isTemplateExpression(unwrap(t, init)));
}

/**
 * Whether `node` (a copy of `name`) builds a result element by element: inside a reduce callback
 * whose accumulator parameter is `name`, or assigned back to `name` in a loop / per-element callback.
 */
function accumulation(t: T, memo: JsMemo, sf: ts.SourceFile, node: ts.Node, name: string): Accumulation | undefined {
  // reduce callback: the nearest function is the callback and `name` its first parameter
  for (let p = node.parent; p; p = p.parent) {
    if (!isFunctionLike(t, p)) continue;
    const it = iterationCallback(t, p);
    if (it && (it.method === 'reduce' || it.method === 'reduceRight' || it.method.endsWith('.reduce'))) {
      const fn = p as ts.ArrowFunction | ts.FunctionExpression;
      const first = fn.parameters[0];
      if (first && t.isIdentifier(first.name) && first.name.text === name && !isSmallLiteralCollection(t, memo, it.collection)) {
        return { where: `in the \`.${it.method.replace(/^.*\./, '')}\` callback at line ${lineOf(sf, it.call)}`, reduce: { callback: fn, call: it.call }, context: fn };
      }
    }
    break;
  }
  // loop: `name = [...name, x]`
  const { node: user, child } = valueParent(t, node);
  if (user && t.isBinaryExpression(user) && user.operatorToken.kind === t.SyntaxKind.EqualsToken && user.right === child && accName(t, user.left) === name) {
    return loopAccumulation(t, memo, sf, user, name);
  }
  return undefined;
}

/** The innermost loop / per-element callback that repeats `assignment`, with `name` declared outside it. */
function loopAccumulation(t: T, memo: JsMemo, sf: ts.SourceFile, assignment: ts.Node, name: string): Accumulation | undefined {
  const { contexts } = enclosingContexts(t, assignment);
  const c: PerElementContext | undefined = contexts[0];
  if (!c) return undefined;
  if ((c.kind === 'for' || c.kind === 'while' || c.kind === 'do…while') && hasSmallConstantBound(t, memo, c.node)) return undefined;
  if (c.kind !== 'for' && c.kind !== 'while' && c.kind !== 'do…while' && isSmallLiteralCollection(t, memo, c.collection)) return undefined;
  if (!name.startsWith('this.')) {
    const decl = findDeclaration(t, memo, name, assignment);
    if (decl && isWithin(decl, c.node)) return undefined; // a fresh variable per iteration
  }
  return { where: `in the ${describeContext(t, sf, c)}`, context: c.node };
}

/** Per scope, per name: the flattening read found (null: none). One per run, made by createJs. */
type FlatteningReads = WeakMap<ts.Node, Map<string, { what: string; line: number } | null>>;

/** A read of `name` inside `scope` that flattens a rope string (cached: loops often hold several appends). */
function flatteningRead(t: T, sf: ts.SourceFile, reads: FlatteningReads, scope: ts.Node, name: string): { what: string; line: number } | undefined {
  let byName = reads.get(scope);
  if (!byName) reads.set(scope, (byName = new Map()));
  const hit = byName.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const found = findFlatteningRead(t, sf, scope, name);
  byName.set(name, found ?? null);
  return found;
}

function findFlatteningRead(t: T, sf: ts.SourceFile, scope: ts.Node, name: string): { what: string; line: number } | undefined {
  let found: { what: string; line: number } | undefined;
  const isAcc = (e: ts.Expression): boolean => accName(t, e) === name;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (t.isPropertyAccessExpression(n) && isAcc(n.expression) && FLATTENING_METHODS.has(n.name.text) && n.parent && t.isCallExpression(n.parent) && n.parent.expression === n) {
      found = { what: `.${n.name.text}()`, line: lineOf(sf, n) };
    } else if (t.isElementAccessExpression(n) && isAcc(n.expression) && !isAssignmentTarget(t, n)) {
      found = { what: `${name}[…]`, line: lineOf(sf, n) };
    } else if (t.isCallExpression(n)) {
      const callee = unwrap(t, n.expression);
      if (t.isPropertyAccessExpression(callee) && (callee.name.text === 'test' || callee.name.text === 'exec') && n.arguments.some((a) => isAcc(a))) {
        found = { what: `regex .${callee.name.text}()`, line: lineOf(sf, n) };
      }
    }
    if (!found) t.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function isAssignmentTarget(t: T, n: ts.Node): boolean {
  const p = n.parent;
  return !!p && t.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= t.SyntaxKind.FirstAssignment && p.operatorToken.kind <= t.SyntaxKind.LastAssignment;
}

// ---------------------------------------------------------------------------------------------------
// Quick fixes: spread-in-reduce → in-place accumulation, only where the result is provably the same.

/** Where the copy sits in the callback, and what to replace to rewrite it. */
function rewriteSite(
  t: T,
  lit: ts.Expression,
  name: string,
  r: NonNullable<Accumulation['reduce']>,
  initIs: (e: ts.Expression) => boolean,
): { start: number; end: number; wrap: boolean; indent?: string } | undefined {
  const init = r.call.arguments[1];
  // The initial value must be a fresh literal: mutating it is then unobservable.
  if (!init || !initIs(unwrap(t, init))) return undefined;
  const fn = r.callback;
  if (fn.parameters.length === 0) return undefined;
  const sf = fn.getSourceFile();
  if (!t.isBlock(fn.body)) {
    if (unwrap(t, fn.body) !== lit) return undefined;
    return { start: fn.body.getStart(sf), end: fn.body.end, wrap: true };
  }
  // block body: the literal is what a `return` returns, and the accumulator is otherwise only read
  const { node: ret } = valueParent(t, lit);
  if (!ret || !t.isReturnStatement(ret) || unwrap(t, ret.expression!) !== lit) return undefined;
  if (!onlyReadsElsewhere(t, fn.body, name, lit)) return undefined;
  const start = ret.getStart(sf);
  const text = sf.text;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))![0];
  return { start, end: ret.end, wrap: !t.isBlock(ret.parent), indent: indent.length === start - lineStart ? indent : '' };
}

/** Every other use of `name` in `body` is a property read (`acc.length`, `acc[k]`), never a store, call argument or alias. */
function onlyReadsElsewhere(t: T, body: ts.Node, name: string, except: ts.Node): boolean {
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok || n === except) return;
    if (t.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      const read = (t.isPropertyAccessExpression(p) && p.expression === n) || (t.isElementAccessExpression(p) && p.expression === n);
      const propName = t.isPropertyAccessExpression(p) && p.name === n;
      if (propName || (t.isReturnStatement(p) && p.expression === n)) return; // `return acc` hands back the same object
      if (!read || isAssignmentTarget(t, p) || (p.parent && t.isCallExpression(p.parent) && p.parent.expression === p)) ok = false;
      return;
    }
    t.forEachChild(n, visit);
  };
  visit(body);
  return ok;
}

function usesName(t: T, n: ts.Node, name: string): boolean {
  let hit = false;
  const visit = (c: ts.Node): void => {
    if (hit) return;
    if (t.isIdentifier(c) && c.text === name && !(t.isPropertyAccessExpression(c.parent) && c.parent.name === c)) hit = true;
    else t.forEachChild(c, visit);
  };
  visit(n);
  return hit;
}

function buildFix(title: string, site: { start: number; end: number; wrap: boolean; indent?: string }, statements: string[], name: string): Fix {
  const all = [...statements, `return ${name};`];
  // In a block, one statement per line at the return's indentation; inline braces elsewhere.
  const newText = site.wrap ? `{ ${all.join(' ')} }` : all.join(`\n${site.indent ?? ''}`);
  return { title, edits: [{ start: site.start, end: site.end, newText }] };
}

function arrayFix(t: T, sf: ts.SourceFile, lit: ts.ArrayLiteralExpression, name: string, r: NonNullable<Accumulation['reduce']>): Fix | undefined {
  if (name.startsWith('this.')) return undefined;
  const rest = lit.elements.slice(1);
  if (rest.length === 0 || rest.some((e) => t.isOmittedExpression(e))) return undefined;
  const site = rewriteSite(t, lit, name, r, (e) => t.isArrayLiteralExpression(e));
  if (!site) return undefined;
  // push evaluates all its arguments before appending, as the literal does: same result.
  const args = rest.map((e) => e.getText(sf)).join(', ');
  return buildFix(`Push into \`${name}\` instead of copying it`, site, [`${name}.push(${args});`], name);
}

function objectFix(t: T, sf: ts.SourceFile, lit: ts.ObjectLiteralExpression, name: string, r: NonNullable<Accumulation['reduce']>): Fix | undefined {
  if (name.startsWith('this.')) return undefined;
  const rest = lit.properties.slice(1);
  if (rest.length === 0) return undefined;
  // With several assignments, a later one could read what an earlier one wrote: the literal would not.
  if (rest.length > 1 && rest.some((p) => usesName(t, p, name))) return undefined;
  const statements: string[] = [];
  for (const p of rest) {
    if (t.isSpreadAssignment(p)) {
      statements.push(`Object.assign(${name}, ${p.expression.getText(sf)});`);
    } else if (t.isShorthandPropertyAssignment(p)) {
      if (p.objectAssignmentInitializer || p.name.text === '__proto__') return undefined;
      statements.push(`${name}.${p.name.text} = ${p.name.text};`);
    } else if (t.isPropertyAssignment(p)) {
      const value = p.initializer.getText(sf);
      const key = p.name;
      if (t.isIdentifier(key)) {
        if (key.text === '__proto__') return undefined; // `__proto__:` in a literal sets the prototype
        statements.push(`${name}.${key.text} = ${value};`);
      } else if (t.isStringLiteral(key) || t.isNumericLiteral(key) || t.isNoSubstitutionTemplateLiteral(key)) {
        if (key.text === '__proto__') return undefined;
        statements.push(`${name}[${key.getText(sf)}] = ${value};`);
      } else if (t.isComputedPropertyName(key)) {
        statements.push(`${name}[${key.expression.getText(sf)}] = ${value};`);
      } else {
        return undefined;
      }
    } else {
      return undefined; // methods and accessors
    }
  }
  const site = rewriteSite(t, lit, name, r, (e) => t.isObjectLiteralExpression(e));
  if (!site) return undefined;
  return buildFix(`Assign into \`${name}\` instead of copying it`, site, statements, name);
}
