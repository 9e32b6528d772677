// Recursion over a list: `function load(nodes) { ...query...; load(rest) }` runs its body once per element.
import type * as ts from 'typescript';
import type { JsMemo } from './memo';
import { isWithin, lastName, shortText, unwrap } from './nodes';
import { enclosingContexts } from './per-element';

type T = typeof ts;

export interface ListRecursion {
  name: string;
  /** The self-call. */
  call: ts.CallExpression;
  /** What it recurses over, for the message. */
  over: string;
}

const LIST_ARG_NAME = /^(rest|tail|remaining|others|children|nodes|items|subtree|descendants|kids|replies|subcategories|next)$/i;

function functionName(t: T, fn: ts.FunctionLikeDeclaration): string | undefined {
  if ((t.isFunctionDeclaration(fn) || t.isFunctionExpression(fn) || t.isMethodDeclaration(fn)) && fn.name && t.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (p && t.isVariableDeclaration(p) && t.isIdentifier(p.name)) return p.name.text;
  if (p && t.isPropertyDeclaration(p) && t.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** When `fn` calls itself on a smaller list or on each child, how; else undefined. */
export function listRecursion(t: T, memo: JsMemo, sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration): ListRecursion | undefined {
  const cached = memo.listRecursion.get(fn);
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
  memo.listRecursion.set(fn, found ?? null);
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
