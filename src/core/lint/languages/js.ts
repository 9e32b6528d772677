import type * as ts from 'typescript';

let tsModule: typeof ts | undefined;

/** The TypeScript compiler API, loaded on first use: requiring it costs 0.2–1.3 s. */
export function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof ts;
  return tsModule;
}

function scriptKind(t: typeof ts, fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return t.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return t.ScriptKind.JSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return t.ScriptKind.TS;
  // Plain .js may hold JSX (React projects): the JSX kind parses both.
  return t.ScriptKind.JSX;
}

export interface ParsedJs {
  sourceFile: ts.SourceFile;
  /** First syntax error, if any: the tree is error-recovered and still linted. */
  syntaxError?: { offset: number; message: string };
}

export function parseJs(text: string, fileName: string): ParsedJs {
  const t = typescript();
  const sourceFile = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, true, scriptKind(t, fileName));
  // parseDiagnostics is not in the public typings but is stable across TS 4–6.
  const diags = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diags?.[0];
  return {
    sourceFile,
    syntaxError: first
      ? { offset: first.start, message: t.flattenDiagnosticMessageText(first.messageText, ' ') }
      : undefined,
  };
}

/** One pre-order walk of the tree, calling every visitor on every node. */
export function walkJs(t: typeof ts, root: ts.Node, visitors: ((node: ts.Node) => void)[]): void {
  const visit = (node: ts.Node): void => {
    for (const v of visitors) v(node);
    t.forEachChild(node, visit);
  };
  visit(root);
}

/** Text of the comment that opens the line starting at `lineStart` (after indentation), if any. */
export function jsCommentAtLineStart(t: typeof ts, text: string, lineStart: number): string | undefined {
  // getLeadingCommentRanges only collects comments that follow a line break (or sit at offset 0), so
  // start the scan on the previous line's "\n" for every line but the first.
  const ranges = t.getLeadingCommentRanges(text, lineStart === 0 ? 0 : lineStart - 1);
  const first = ranges?.find((r) => r.pos >= lineStart);
  if (!first) return undefined;
  // Only a comment that is the first thing on its line counts.
  const lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd !== -1 && first.pos > lineEnd) return undefined;
  return text.slice(first.pos, first.end);
}
