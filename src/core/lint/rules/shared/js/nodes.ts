// Node-level helpers for the JS/TS rules: casts and parens, dotted names, function-likes, short source text and
// line numbers, "does this expression read one of these names?". Only type imports of `typescript`: the module
// itself comes in through `t` so it stays lazily loaded.
import type * as ts from 'typescript';

type T = typeof ts;

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

export function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
