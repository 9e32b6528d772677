/**
 * Where a benchmark file declares its benchmarks, read from the syntax tree (TypeScript's parser, which
 * reads JavaScript too): every `bench(name, …)`, `bench.only(…)`, `bench.sizes(name, …)` and
 * `describe(name, …)` / `describe.only(…)` call whose name is a string literal, with the full name the
 * harness gives it ("suite > bench", see src/runner/bench/api.ts). The editor puts its "Run benchmark"
 * lenses and budget diagnostics there. Skipped calls (`.skip`, `.todo`) run nothing and are left out;
 * a computed name cannot be known without running the file, so that call is left out too.
 */
import type * as ts from 'typescript';
import { typescript } from '../lint/languages/js';

export type BenchCallKind = 'bench' | 'sizes' | 'describe';

export interface BenchCall {
  kind: BenchCallKind;
  /** The full name: enclosing describe names and this one, joined by " > " (as the harness names results). */
  name: string;
  /** 1-based line and column of the call's first token (`bench`, `describe`). */
  line: number;
  column: number;
  /** 1-based last line of the call. */
  endLine: number;
}

/** The separator the harness puts between suite and benchmark names. */
export const BENCH_NAME_SEPARATOR = ' > ';

const CALLEE_KINDS: Record<string, BenchCallKind> = {
  bench: 'bench',
  'bench.only': 'bench',
  'bench.sizes': 'sizes',
  describe: 'describe',
  'describe.only': 'describe',
};

const SKIPPED = new Set(['bench.skip', 'bench.todo', 'describe.skip', 'describe.todo']);

export function benchCallsInSource(text: string, fileName: string): BenchCall[] {
  const t = typescript();
  const kind = /\.(c|m)?ts$/i.test(fileName) ? t.ScriptKind.TS : t.ScriptKind.JS;
  const sf = t.createSourceFile(fileName, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, kind);

  const calleeName = (e: ts.Expression): string | undefined => {
    if (t.isIdentifier(e)) return e.text;
    if (t.isPropertyAccessExpression(e) && t.isIdentifier(e.expression) && t.isIdentifier(e.name)) return `${e.expression.text}.${e.name.text}`;
    return undefined;
  };
  const literal = (e: ts.Expression | undefined): string | undefined =>
    e && (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;

  const out: BenchCall[] = [];
  const visit = (node: ts.Node, suites: readonly string[]): void => {
    if (t.isCallExpression(node)) {
      const callee = calleeName(node.expression);
      // A skipped suite runs nothing: neither it nor what it declares gets a lens.
      if (callee !== undefined && SKIPPED.has(callee)) return;
      const k = callee === undefined ? undefined : CALLEE_KINDS[callee];
      const name = literal(node.arguments[0]);
      if (k && name !== undefined) {
        const full = [...suites, name].join(BENCH_NAME_SEPARATOR);
        const start = t.getLineAndCharacterOfPosition(sf, node.getStart(sf));
        const end = t.getLineAndCharacterOfPosition(sf, node.getEnd());
        out.push({ kind: k, name: full, line: start.line + 1, column: start.character + 1, endLine: end.line + 1 });
        // Benchmarks declared inside a describe callback carry its name.
        const inner = k === 'describe' ? [...suites, name] : suites;
        node.arguments.forEach((a) => visit(a, inner));
        return;
      }
    }
    t.forEachChild(node, (child) => visit(child, suites));
  };
  visit(sf, []);
  return out;
}
