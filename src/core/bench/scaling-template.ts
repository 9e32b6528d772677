/**
 * The scaling benchmark the `quadratic-building` hint offers to write for the function it flags: a
 * `<function>.bench.mjs` (`.bench.ts` for TypeScript) next to the source, importing the function by its
 * export name (the profiler's CallableFunction.exportName) and timing it over input sizes with
 * `bench.sizes`, so `perf-lens bench` fits the exponent (≈ O(n^2) before a fix, ≈ O(n) after). The one
 * part a user must write — the arguments for an input of size n — is a marked function with a working
 * default. Pure: the caller writes the file (never over an existing one).
 */
import { typescript } from '../lint/languages/js';
import { BENCH_TYPES_FILE } from './bench-types';

/**
 * The sizes: a decade of spread is enough for the fit, and the largest stays affordable for a quadratic
 * function (at 100,000 one call of a quadratic that takes 1 ms at 1,000 takes 10 s, and a benchmark
 * needs at least 10 samples in each of several processes).
 */
export const TEMPLATE_SIZES = [1_000, 3_000, 10_000] as const;

export interface ScalingTemplateInput {
  /** The name a user knows: `distinctSkus`, `Orders.total`. */
  functionName: string;
  /** How the module exports it: `distinctSkus`, `default`, `Orders.total`, `default.total`. */
  exportName: string;
  /** The source's file name (no folder): the benchmark sits next to it. */
  sourceBase: string;
  /** ES module (import/export) or CommonJS (module.exports / exports.x). */
  moduleKind: 'esm' | 'cjs';
}

const isTypeScript = (file: string) => /\.(c|m)?ts$/i.test(file);

/** `distinctSkus.bench.mjs`, `Orders.total.bench.ts`: named after the function, so two hints of one file do not collide. */
export function scalingBenchFileName(input: Pick<ScalingTemplateInput, 'functionName' | 'sourceBase'>): string {
  const safe = input.functionName.replace(/[^A-Za-z0-9_.$-]/g, '_');
  return `${safe}.bench.${isTypeScript(input.sourceBase) ? 'ts' : 'mjs'}`;
}

/** Whether a module is an ES module: a top-level import or export (else CommonJS); `.mjs`/`.mts` always, `.cjs`/`.cts` never. */
export function moduleKindOf(text: string, fileName: string): 'esm' | 'cjs' {
  if (/\.m(j|t)s$/i.test(fileName)) return 'esm';
  if (/\.c(j|t)s$/i.test(fileName)) return 'cjs';
  const t = typescript();
  const sf = t.createSourceFile(fileName, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, isTypeScript(fileName) ? t.ScriptKind.TS : t.ScriptKind.JS);
  const esm = sf.statements.some(
    (s) =>
      t.isImportDeclaration(s) ||
      t.isExportDeclaration(s) ||
      t.isExportAssignment(s) ||
      (t.canHaveModifiers(s) && (t.getModifiers(s) ?? []).some((m) => m.kind === t.SyntaxKind.ExportKeyword)),
  );
  return esm ? 'esm' : 'cjs';
}

/** `target.distinctSkus`, `target.default`, `target.Orders.total`; for CommonJS `default` is module.exports itself. */
function accessOf(input: ScalingTemplateInput): string {
  let parts = input.exportName.split('.');
  if (input.moduleKind === 'cjs' && parts[0] === 'default') parts = parts.slice(1);
  return ['target', ...parts].join('.');
}

export function scalingBenchTemplate(input: ScalingTemplateInput): string {
  const ts = isTypeScript(input.sourceBase);
  // TypeScript: extensionless (resolved to the .ts by the harness, as bundlers and tsc do).
  const from = `./${ts ? input.sourceBase.replace(/\.(c|m)?ts$/i, '') : input.sourceBase}`;
  const access = accessOf(input);
  const importLine =
    input.moduleKind === 'esm' || ts
      ? `import * as target from ${JSON.stringify(from)};`
      : `import target from ${JSON.stringify(from)}; // CommonJS: module.exports`;
  const fnName = input.functionName;
  const argsType = ts ? `: Parameters<typeof ${access}>` : '';
  const nType = ts ? ': number' : '';
  const sizes = TEMPLATE_SIZES.map((s) => s.toLocaleString('en-US').replace(/,/g, '_')).join(', ');
  return `// How ${fnName} (${input.sourceBase}) grows with its input: Perf Lens wrote this from a quadratic-building
// hint. Run it with the "Run benchmark" lens above bench.sizes, or \`npx perf-lens bench ${scalingBenchFileName(input)}\`:
// each size is timed in fresh processes and the exponent of a log-log fit is reported,
// ≈ O(n^2) for quadratic work, ≈ O(n^1) once it is fixed.
${ts ? `/// <reference path="./${BENCH_TYPES_FILE}" />\n` : ''}import { bench } from 'perf-lens/bench';
${importLine}

// ▶ EDIT THIS: the arguments of ${fnName} for an input of size n, in the order it takes them. Built once
// per size, outside the timed calls. The default passes one array of n numbers.
function inputOf(n${nType})${argsType} {
  return [Array.from({ length: n }, (_, i) => i)]${ts ? ` as unknown as Parameters<typeof ${access}>` : ''};
}

// ▶ EDIT THIS if a run is too slow or too quick: the input sizes.
const sizes = [${sizes}];

bench.sizes(${JSON.stringify(fnName)}, sizes, (n${nType}) => {
  const args = inputOf(n);
  return () => ${access}(...args);
});
`;
}
