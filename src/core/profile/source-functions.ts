/**
 * The functions of a JS/TS source text with their line ranges, to answer "which function holds this
 * line?" — for the inlining correction of hot spots, and to find the function at the editor's cursor.
 */
import type * as ts from 'typescript';
import { typescript } from '../lint/languages/js';

export interface SourceFunction {
  /** The name a user would recognise: `parse`, `Orders.total`, `handler` for `const handler = () => …`. */
  name: string;
  /** 1-based, where the function starts (its name, or its first token when anonymous). */
  line: number;
  column: number;
  /** 1-based, last line of the body. */
  endLine: number;
}

function nameOf(t: typeof ts, fn: ts.Node): string {
  const named = (n: ts.Node | undefined): string | undefined =>
    n && (t.isIdentifier(n) || t.isStringLiteral(n) || t.isPrivateIdentifier(n) || t.isNumericLiteral(n)) ? n.text : undefined;
  const own = (fn as ts.FunctionLikeDeclaration).name;
  let name = named(own);
  const p = fn.parent;
  if (!name && p) {
    if (t.isVariableDeclaration(p) || t.isPropertyAssignment(p) || t.isPropertyDeclaration(p)) name = named(p.name);
    else if (t.isBinaryExpression(p) && p.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      const left = p.left;
      name = t.isPropertyAccessExpression(left) ? left.name.text : named(left);
    } else if (t.isExportAssignment(p)) name = 'default';
  }
  if (t.isConstructorDeclaration(fn)) name = 'constructor';
  const cls = t.isClassElement(fn) && fn.parent && (t.isClassDeclaration(fn.parent) || t.isClassExpression(fn.parent)) ? named(fn.parent.name) : undefined;
  const base = name ?? '(anonymous)';
  return cls ? `${cls}.${base}` : base;
}

/** Every function-like node with a body, in document order. */
export function functionsInSource(text: string, fileName: string): SourceFunction[] {
  const t = typescript();
  const kind = /\.(ts|mts|cts)$/i.test(fileName) ? t.ScriptKind.TS : /\.tsx$/i.test(fileName) ? t.ScriptKind.TSX : t.ScriptKind.JSX;
  const sf = t.createSourceFile(fileName, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, true, kind);
  const out: SourceFunction[] = [];
  const visit = (n: ts.Node): void => {
    if (t.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body) {
      const anchor = (n as ts.FunctionLikeDeclaration).name ?? n;
      const start = sf.getLineAndCharacterOfPosition(anchor.getStart(sf));
      const end = sf.getLineAndCharacterOfPosition(n.end);
      out.push({ name: nameOf(t, n), line: start.line + 1, column: start.character + 1, endLine: end.line + 1 });
    }
    t.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The innermost function whose lines include `line` (1-based). */
export function innermostFunction(functions: readonly SourceFunction[], line: number): SourceFunction | undefined {
  let best: SourceFunction | undefined;
  for (const f of functions) {
    if (f.line <= line && line <= f.endLine && (!best || f.endLine - f.line <= best.endLine - best.line)) best = f;
  }
  return best;
}
