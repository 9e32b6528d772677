/**
 * TypeScript → JavaScript for the profiling child, one file at a time with the TypeScript compiler API
 * (`transpileModule`: no type check, no native addon). Used on the main thread by the require hook
 * (typescript/hooks.ts) and on the loader thread by the ESM hooks (typescript/esm-loader.ts). Bundled into
 * dist/profile-ts-loader.js together with `typescript`, which is required on first use only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import { JSX_FILE, type ModuleFormat } from './resolve';

export interface Transpiled {
  /** JavaScript, ending with an inline `//# sourceMappingURL=data:…` comment. */
  code: string;
  /** The Source Map v3 JSON text; its one source is the file's base name. */
  map: string;
}

/** A TypeScript file that does not parse: the message is `file(line,col): text`, one line. */
export class TypeScriptSyntaxError extends SyntaxError {}

let tsModule: typeof ts | undefined;

/** The compiler API; requiring it costs 0.2–1.3 s, so only when a TypeScript file is met (or to preload). */
export function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof ts;
  return tsModule;
}

/** The few options of the nearest tsconfig.json that change emitted code (decorators, class fields, interop, JSX). */
const TAKEN_OPTIONS = [
  'experimentalDecorators',
  'emitDecoratorMetadata',
  'useDefineForClassFields',
  'esModuleInterop',
  'jsx',
  'jsxFactory',
  'jsxFragmentFactory',
  'jsxImportSource',
];
const tsconfigOptions = new Map<string, ts.CompilerOptions>();

function projectOptions(t: typeof ts, dir: string): ts.CompilerOptions {
  let options = tsconfigOptions.get(dir);
  if (options) return options;
  options = {};
  const file = path.join(dir, 'tsconfig.json');
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const parsed = t.parseConfigFileTextToJson(file, text);
    const raw = (parsed.config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ?? {};
    const taken: Record<string, unknown> = {};
    for (const k of TAKEN_OPTIONS) if (k in raw) taken[k] = raw[k];
    options = t.convertCompilerOptionsFromJson(taken, dir).options;
  } else {
    const parent = path.dirname(dir);
    if (parent !== dir && path.basename(dir) !== 'node_modules') options = projectOptions(t, parent);
  }
  tsconfigOptions.set(dir, options);
  return options;
}

/** Files transpiled ahead of time (the target, before the profiler starts), taken by the first load. */
const prepared = new Map<string, { source: string; format: ModuleFormat; out: Transpiled }>();

/**
 * Transpiles `file` now and keeps the result for its first load: the first transpile is the slow one
 * (`typescript` itself is loaded and warms up), and this keeps it out of a script's profile.
 */
export function prepareTypeScript(file: string, format: ModuleFormat): void {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    typescript();
    return; // the load reports it
  }
  try {
    prepared.set(file, { source, format, out: transpileTypeScript(source, file, format) });
  } catch {
    // A syntax error: the load reports it, in the words of the place that loads the file.
  }
}

/**
 * How JSX becomes code: the project's choice, except `preserve` (and `react-native`), which leave JSX
 * that Node cannot run; the automatic runtime (`react/jsx-runtime`, or `jsxImportSource`'s) when the
 * project says nothing, as React 17+ projects and TypeScript's own project templates do.
 */
function jsxEmit(t: typeof ts, file: string, configured: ts.JsxEmit | undefined): ts.JsxEmit | undefined {
  if (!JSX_FILE.test(file)) return configured;
  if (configured === undefined || configured === t.JsxEmit.None || configured === t.JsxEmit.Preserve || configured === t.JsxEmit.ReactNative) return t.JsxEmit.ReactJSX;
  return configured;
}

/**
 * Transpiles one file for Node 20 (ES2022, CommonJS or ESM output). Types, interfaces and `import type`
 * disappear; enums, namespaces, parameter properties and decorators become code. Only syntax errors are
 * reported: there is no type check.
 */
export function transpileTypeScript(source: string, file: string, format: ModuleFormat): Transpiled {
  const ready = prepared.get(file);
  if (ready) {
    prepared.delete(file);
    if (ready.source === source && ready.format === format) return ready.out;
  }
  const t = typescript();
  const project = projectOptions(t, path.dirname(file));
  const compilerOptions: ts.CompilerOptions = {
    esModuleInterop: true,
    ...project,
    jsx: jsxEmit(t, file, project.jsx),
    target: t.ScriptTarget.ES2022,
    module: format === 'module' ? t.ModuleKind.ESNext : t.ModuleKind.CommonJS,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    declaration: false,
    isolatedModules: true,
    verbatimModuleSyntax: false,
  };
  const out = t.transpileModule(source, { compilerOptions, fileName: file, reportDiagnostics: true });
  const error = out.diagnostics?.find((d) => d.category === t.DiagnosticCategory.Error && d.file);
  if (error && error.file && error.start !== undefined) {
    const { line, character } = error.file.getLineAndCharacterOfPosition(error.start);
    const text = t.flattenDiagnosticMessageText(error.messageText, ' ');
    throw new TypeScriptSyntaxError(`${path.basename(file)}(${line + 1},${character + 1}): ${text}`);
  }
  const map = out.sourceMapText ?? '';
  const code = out.outputText.replace(/\/\/# sourceMappingURL=\S*\s*$/, '');
  return { code: `${code}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map).toString('base64')}\n`, map };
}
