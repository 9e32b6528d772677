// Name resolution without a type checker: enough to see `const MAX_RETRIES = 3` or `const limit = pLimit(5)`,
// and the names bound or changed inside a loop or callback ("does this call depend on the element?").
import type * as ts from 'typescript';
import type { JsMemo } from './memo';
import { isFunctionLike, unwrap } from './nodes';

type T = typeof ts;

/** What a name can be declared by. */
export type Declaration = ts.VariableDeclaration | ts.ParameterDeclaration;

const NO_DECLARATIONS: ReadonlyMap<string, Declaration> = new Map();

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

function declarationsIn(t: T, memo: JsMemo, scope: ts.Node): ReadonlyMap<string, Declaration> {
  // Most ancestors (expressions, statements) declare nothing: no map, no cache entry for them.
  if (!declaresNames(t, scope)) return NO_DECLARATIONS;
  let map = memo.declarations.get(scope);
  if (map) return map;
  map = new Map();
  const add = (d: Declaration): void => {
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
  memo.declarations.set(scope, map);
  return map;
}

/** The nearest declaration of `name` visible from `from` (lexically; no checker). */
export function findDeclaration(t: T, memo: JsMemo, name: string, from: ts.Node): Declaration | undefined {
  for (let s: ts.Node | undefined = from; s; s = s.parent) {
    const d = declarationsIn(t, memo, s).get(name);
    if (d) return d;
  }
  return undefined;
}

/** Whether the declaration is a `const` (so its initializer is what the name holds). */
export function isConst(t: T, d: Declaration): d is ts.VariableDeclaration {
  return t.isVariableDeclaration(d) && t.isVariableDeclarationList(d.parent) && (d.parent.flags & t.NodeFlags.Const) !== 0;
}

/** Initializer of a `const` the identifier refers to, if any. */
export function constInitializer(t: T, memo: JsMemo, e: ts.Expression): ts.Expression | undefined {
  const u = unwrap(t, e);
  if (!t.isIdentifier(u)) return undefined;
  const d = findDeclaration(t, memo, u.text, u);
  return d && isConst(t, d) && d.initializer ? unwrap(t, d.initializer) : undefined;
}

export function addBindingNames(t: T, name: ts.BindingName | ts.Expression, out: Set<string>): void {
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
export function namesBoundIn(t: T, memo: JsMemo, ctxNode: ts.Node): Set<string> {
  let set = memo.namesBound.get(ctxNode);
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
  memo.namesBound.set(ctxNode, set);
  return set;
}
