/**
 * The functions of a JS/TS module that the profiler's harness can call by an export name: a named
 * export, `default`, or `<Class>.<static method>` of an exported class (see FunctionHarnessRequest.exportName).
 * ESM exports (`export function`, `export const`, `export { a as b }`, `export default`) and CommonJS ones
 * (`module.exports = { ... }`, `exports.x = ...`, `module.exports = fn`) are read from the top level only:
 * what is assigned elsewhere is not known without running the module. Instance methods and generators
 * are left out: the harness cannot call the first, and calling the second runs nothing.
 */
import type * as ts from 'typescript';
import { typescript } from '../lint/languages/js';

export interface CallableFunction {
  /** The name a user knows: `report`, `Orders.total`, the local name of a default export. */
  name: string;
  /** What the harness is asked to call: `report`, `default`, `Orders.total`, `default.total`. */
  exportName: string;
  /** 1-based; the same place functionsInSource gives the function (its name, or its first token). */
  line: number;
  column: number;
  endLine: number;
}

type Fn = ts.FunctionLikeDeclaration;
type Cls = ts.ClassLikeDeclaration;

export function callableFunctions(text: string, fileName: string): CallableFunction[] {
  const t = typescript();
  const kind = /\.(ts|mts|cts)$/i.test(fileName) ? t.ScriptKind.TS : /\.tsx$/i.test(fileName) ? t.ScriptKind.TSX : t.ScriptKind.JSX;
  // No parent pointers (they cost as much again as the parse): only the top level is walked.
  const sf = t.createSourceFile(fileName, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, kind);

  const unwrap = (e: ts.Expression): ts.Expression => {
    let x = e;
    while (t.isParenthesizedExpression(x) || t.isAsExpression(x) || t.isSatisfiesExpression(x) || t.isTypeAssertionExpression(x)) x = x.expression;
    return x;
  };
  const isFn = (n: ts.Node): n is Fn => (t.isFunctionDeclaration(n) || t.isFunctionExpression(n) || t.isArrowFunction(n) || t.isMethodDeclaration(n)) && !!n.body;
  const isCls = (n: ts.Node): n is Cls => t.isClassDeclaration(n) || t.isClassExpression(n);
  const hasModifier = (n: ts.Node, k: ts.SyntaxKind) => (t.canHaveModifiers(n) ? t.getModifiers(n) : undefined)?.some((m) => m.kind === k) ?? false;

  // Top-level declarations an export may name.
  const locals = new Map<string, Fn | Cls>();
  for (const s of sf.statements) {
    if (t.isFunctionDeclaration(s) && s.name && s.body) locals.set(s.name.text, s);
    else if (t.isClassDeclaration(s) && s.name) locals.set(s.name.text, s);
    else if (t.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!t.isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrap(d.initializer);
        if (isFn(init) || isCls(init)) locals.set(d.name.text, init);
      }
    }
  }
  const resolve = (e: ts.Expression | undefined): Fn | Cls | undefined => {
    if (!e) return undefined;
    const x = unwrap(e);
    if (t.isIdentifier(x)) return locals.get(x.text);
    return isFn(x) || isCls(x) ? x : undefined;
  };

  const out: CallableFunction[] = [];
  const seen = new Set<ts.Node>();
  const place = (fn: Fn) => {
    const anchor = fn.name ?? fn;
    const start = sf.getLineAndCharacterOfPosition(anchor.getStart(sf));
    return { line: start.line + 1, column: start.character + 1, endLine: sf.getLineAndCharacterOfPosition(fn.end).line + 1 };
  };
  const addFn = (fn: Fn, exportName: string, name: string) => {
    if (seen.has(fn) || fn.asteriskToken) return;
    seen.add(fn);
    out.push({ name, exportName, ...place(fn) });
  };
  // `#private` statics cannot be reached from outside the class.
  const memberName = (m: ts.ClassElement): string | undefined => (m.name && (t.isIdentifier(m.name) || t.isStringLiteral(m.name)) ? m.name.text : undefined);
  const add = (target: Fn | Cls | undefined, exportName: string, localName: string | undefined) => {
    if (!target) return;
    const shown = exportName === 'default' ? (localName ?? target.name?.getText(sf) ?? 'default') : exportName;
    if (!isCls(target)) return addFn(target, exportName, shown);
    // A class is called through its static methods (static arrow properties included).
    for (const m of target.members) {
      const name = memberName(m);
      if (!name || !hasModifier(m, t.SyntaxKind.StaticKeyword)) continue;
      const fn = t.isMethodDeclaration(m) ? m : t.isPropertyDeclaration(m) && m.initializer ? unwrap(m.initializer) : undefined;
      if (fn && isFn(fn)) addFn(fn, `${exportName}.${name}`, `${shown}.${name}`);
    }
  };
  const propName = (n: ts.PropertyName): string | undefined => (t.isIdentifier(n) || t.isStringLiteral(n) ? n.text : undefined);
  const isModuleExports = (e: ts.Expression) =>
    t.isPropertyAccessExpression(e) && t.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
  const nameOfLocal = (e: ts.Expression | undefined) => (e && t.isIdentifier(unwrap(e)) ? (unwrap(e) as ts.Identifier).text : undefined);

  // CommonJS: the last `module.exports = …` replaces the object that `exports.x = …` (anywhere) and
  // an earlier `module.exports.x = …` filled.
  const assignment = (s: ts.Statement) =>
    t.isExpressionStatement(s) && t.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === t.SyntaxKind.EqualsToken ? s.expression : undefined;
  let lastReplace = -1;
  sf.statements.forEach((s, i) => {
    const a = assignment(s);
    if (a && isModuleExports(a.left)) lastReplace = i;
  });

  for (const [i, s] of sf.statements.entries()) {
    const exported = hasModifier(s, t.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(s, t.SyntaxKind.DefaultKeyword);
    if ((t.isFunctionDeclaration(s) || t.isClassDeclaration(s)) && exported) {
      if (t.isFunctionDeclaration(s) && !s.body) continue;
      if (isDefault) add(s, 'default', s.name?.text);
      else if (s.name) add(s, s.name.text, s.name.text);
    } else if (t.isVariableStatement(s) && exported) {
      for (const d of s.declarationList.declarations) if (t.isIdentifier(d.name)) add(resolve(d.initializer), d.name.text, d.name.text);
    } else if (t.isExportDeclaration(s) && !s.moduleSpecifier && !s.isTypeOnly && s.exportClause && t.isNamedExports(s.exportClause)) {
      for (const spec of s.exportClause.elements) {
        if (spec.isTypeOnly) continue;
        const local = (spec.propertyName ?? spec.name).text;
        add(locals.get(local), spec.name.text, local);
      }
    } else if (t.isExportAssignment(s)) {
      // `export default x` and TypeScript's `export = x` (module.exports = x once compiled).
      add(resolve(s.expression), 'default', nameOfLocal(s.expression));
    } else if (assignment(s)) {
      const { left, right } = assignment(s)!;
      if (isModuleExports(left)) {
        if (i !== lastReplace) continue;
        const value = unwrap(right);
        if (t.isObjectLiteralExpression(value)) {
          for (const p of value.properties) {
            if (t.isShorthandPropertyAssignment(p)) add(locals.get(p.name.text), p.name.text, p.name.text);
            else if (t.isPropertyAssignment(p)) {
              const key = propName(p.name);
              if (key) add(resolve(p.initializer), key, key);
            } else if (t.isMethodDeclaration(p)) {
              const key = propName(p.name);
              if (key) add(p, key, key);
            }
          }
        } else add(resolve(value), 'default', nameOfLocal(value));
      } else if (t.isPropertyAccessExpression(left)) {
        const onModuleExports = isModuleExports(left.expression) && i > lastReplace;
        const onExports = t.isIdentifier(left.expression) && left.expression.text === 'exports' && lastReplace === -1;
        if (onModuleExports || onExports) add(resolve(right), left.name.text, left.name.text);
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
