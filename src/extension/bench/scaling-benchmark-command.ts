/**
 * "Generate a scaling benchmark" (`perfLens.generateScalingBenchmark`, offered as a quick action on a
 * `quadratic-building` hint in JS/TS): writes `<function>.bench.mjs` (`.ts` for TypeScript) next to the
 * file, timing the flagged function over input sizes with `bench.sizes` (core's scaling-template.ts),
 * and opens it at the input builder to edit. Only for a function the module exports (the benchmark
 * imports it by that name). Never writes over an existing file: that one is opened instead. Writes a
 * file and runs nothing, so Restricted Mode allows it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadEngine, type Engine } from '../shared/engine-loader';
import { chooseAtCursor } from '../profile/profile-lens-model';

export const GENERATE_SCALING_BENCHMARK = 'perfLens.generateScalingBenchmark';

/** What the command returns (the sentence shown, and the benchmark file when one was written or found). */
export interface GenerateResult {
  message: string;
  file?: string;
  written: boolean;
}

function parseArg(arg: unknown): { uri: vscode.Uri; line: number } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, line } = arg as { uri?: unknown; line?: unknown };
  const u = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  if (!u || u.scheme !== 'file' || typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return undefined;
  return { uri: u, line };
}

async function openAt(file: string, marker: RegExp): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const lines = doc.getText().split(/\r?\n/);
  const at = lines.findIndex((l) => marker.test(l));
  if (at >= 0) {
    const line = doc.lineAt(at);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    editor.revealRange(line.range, vscode.TextEditorRevealType.InCenter);
  }
}

/** `arg`: `{ uri, line }`, the hint's file and 1-based line (default: the active editor's cursor). */
export async function generateScalingBenchmark(log: vscode.LogOutputChannel, arg?: unknown): Promise<GenerateResult> {
  const say = (message: string, file?: string, written = false): GenerateResult => {
    void vscode.window.showInformationMessage(message);
    return { message, file, written };
  };
  const editor = vscode.window.activeTextEditor;
  const target = parseArg(arg) ?? (editor && editor.document.uri.scheme === 'file' ? { uri: editor.document.uri, line: editor.selection.active.line + 1 } : undefined);
  if (!target || !/\.(c|m)?(j|t)s$/i.test(target.uri.fsPath)) return say('Perf Lens: open the JavaScript or TypeScript function to benchmark.');
  const doc = await vscode.workspace.openTextDocument(target.uri);
  const { engine } = await loadEngine((m) => log.warn(m));
  const text = doc.getText();
  const chosen = chooseAtCursor(engine.profile.callableFunctions(text, doc.fileName), [], target.line);
  if (!chosen) {
    return say(`Perf Lens: no exported function encloses line ${target.line}; a scaling benchmark imports the function by its export name, so export it first.`);
  }
  const input = { functionName: chosen.name, exportName: chosen.exportName, sourceBase: path.basename(doc.fileName), moduleKind: engine.bench.moduleKindOf(text, doc.fileName) };
  const file = path.join(path.dirname(doc.fileName), engine.bench.scalingBenchFileName(input));
  try {
    // 'wx': fails when the file exists, so a user's benchmark is never replaced (even one written meanwhile).
    await fs.promises.writeFile(file, engine.bench.scalingBenchTemplate(input), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      const message = `Perf Lens: could not write ${file}: ${(e as Error).message}`;
      void vscode.window.showErrorMessage(message);
      return { message, written: false };
    }
    await openAt(file, /bench\.sizes\(/);
    return say(`Perf Lens: ${path.basename(file)} already exists; it was opened, not changed.`, file);
  }
  log.info(`scaling benchmark for ${chosen.name} written to ${file}`);
  const typesNote = /\.(c|m)?ts$/i.test(file) ? await writeBenchTypes(path.dirname(file), engine, log) : '';
  await openAt(file, /^function inputOf\(/);
  return say(`Perf Lens: wrote ${path.basename(file)}${typesNote}: edit inputOf (the arguments for size n), then run it with its "Run benchmark" lens.`, file, true);
}

/**
 * TypeScript: 'perf-lens/bench' is no installed package (the harness answers the import), so its declarations
 * go next to the benchmark, which references them. Never over an existing file.
 */
async function writeBenchTypes(dir: string, engine: { bench: Pick<Engine['bench'], 'BENCH_TYPES_FILE' | 'readBenchTypes'> }, log: vscode.LogOutputChannel): Promise<string> {
  const file = path.join(dir, engine.bench.BENCH_TYPES_FILE);
  try {
    await fs.promises.writeFile(file, engine.bench.readBenchTypes(), { flag: 'wx' });
    log.info(`types of 'perf-lens/bench' written to ${file}`);
    return ` and ${engine.bench.BENCH_TYPES_FILE} (the types of 'perf-lens/bench')`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') log.warn(`could not write ${file}: ${(e as Error).message}`);
    return '';
  }
}
