/**
 * "Profile Script" (the open JS/TS file run as the main program), "Profile npm Script…" (a script of the
 * workspace folder's package.json, every Node.js process it starts profiled) and "Profile Test File" (the
 * open file run by the project's own test runner). Each runs workspace code, so Workspace Trust comes
 * first; then a cancellable run through the runner and the shared result steps (show-profile-result.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { refuseUntrusted, say } from '../shared/say';
import { PROFILABLE_FILE } from './profile-function-model';
import { type Engine, loadEngine } from '../shared/engine-loader';
import type { HotLineDecorations } from './hot-lines';
import { showProfileResult, type FinishedRun } from './show-profile-result';
import { npmScriptPicks, processNote, scriptSummary } from './profile-script-model';
import { PROFILES_DIR, savedProfileFileName } from '../../core/profile/profile-store-names';

/** A script or a test run that never ends is stopped here, keeping its partial profile. */
const TIME_LIMIT_MS = 10 * 60_000;

export interface ScriptCommandContext {
  extensionUri: vscode.Uri;
  hotLines: HotLineDecorations;
  log: vscode.LogOutputChannel;
}

/** The open JS/TS file of a workspace folder (saved first), or the sentence saying what is missing. */
async function activeFile(what: string): Promise<{ doc: vscode.TextDocument; folder: vscode.WorkspaceFolder } | string> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file' || !PROFILABLE_FILE.test(doc.fileName)) return say(`Perf Lens: open the JavaScript or TypeScript ${what} to profile.`);
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return say('Perf Lens: the file must be inside an open workspace folder to be profiled.');
  if (doc.isDirty) await doc.save();
  return { doc, folder };
}

function outFileIn(folder: vscode.WorkspaceFolder, name: string): string {
  return path.join(folder.uri.fsPath, ...PROFILES_DIR, savedProfileFileName(name));
}

/** Runs `start` under a cancellable progress notification; the sentence of a failure or a cancel, else the run. */
async function runWithProgress<T>(engine: Engine, log: vscode.LogOutputChannel, label: string, start: (signal: AbortSignal) => Promise<T>): Promise<T | string> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Perf Lens: profiling ${label}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        return start(controller.signal);
      },
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'cancelled') return say('Perf Lens: profiling cancelled; the run was stopped.');
    const message = `Perf Lens: profiling ${label} failed: ${e instanceof Error ? e.message : String(e)}`;
    if (e instanceof engine.profile.ProfileTargetError && e.stderrTail) log.error(`${message}\n${e.stderrTail}`);
    return say(message, 'error');
  }
}

function show(ctx: ScriptCommandContext, engine: Engine, run: FinishedRun & { profiledMs: number }, label: string, panelTitle: string, note?: string): Promise<string> {
  return showProfileResult({
    ...ctx,
    engine,
    run,
    label,
    panelTitle,
    summary: (top) => scriptSummary(label, run.profiledMs, run.partial, top, note),
  });
}

/** "Perf Lens: Profile Script". Resolves to the sentence shown (tests read it). */
export async function profileScriptCommand(ctx: ScriptCommandContext): Promise<string> {
  const refused = refuseUntrusted('profiling a script');
  if (refused) return refused;
  const target = await activeFile('script');
  if (typeof target === 'string') return target;
  const { doc, folder } = target;
  const { engine } = await loadEngine((m) => ctx.log.warn(m));
  const label = vscode.workspace.asRelativePath(doc.uri);
  const run = await runWithProgress(engine, ctx.log, label, (signal) =>
    engine.profile.profileScript({ script: doc.fileName, cwd: folder.uri.fsPath, outFile: outFileIn(folder, path.basename(doc.fileName)), timeoutMs: TIME_LIMIT_MS, signal }),
  );
  if (typeof run === 'string') return run;
  return show(ctx, engine, run, label, `Hot spots of ${label}`);
}

/** The folder of the active editor, else the only one, else the user's pick. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const active = doc ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  if (active) return active;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose package.json has the script' });
}

/** "Perf Lens: Profile npm Script…". */
export async function profileNpmScriptCommand(ctx: ScriptCommandContext): Promise<string> {
  const refused = refuseUntrusted('profiling an npm script');
  if (refused) return refused;
  const folder = await pickFolder();
  if (!folder) return say('Perf Lens: open a folder with a package.json to profile one of its npm scripts.');
  const { engine } = await loadEngine((m) => ctx.log.warn(m));
  let scripts: Record<string, string>;
  try {
    scripts = engine.profile.readNpmScripts(folder.uri.fsPath);
  } catch (e) {
    return say(`Perf Lens: ${e instanceof Error ? e.message : String(e)}.`, 'error');
  }
  const picks = npmScriptPicks(scripts);
  if (picks.length === 0) return say(`Perf Lens: the package.json of ${folder.name} has no scripts.`);
  const pick = await vscode.window.showQuickPick(picks, { title: 'Profile npm Script', placeHolder: 'The script to run with npm run, every Node.js process it starts profiled' });
  if (!pick) return 'cancelled';
  const label = `npm run ${pick.label}`;
  const run = await runWithProgress(engine, ctx.log, label, (signal) =>
    engine.profile.profileNpmScript({ name: pick.label, cwd: folder.uri.fsPath, outFile: outFileIn(folder, `npm-${pick.label}`), timeoutMs: TIME_LIMIT_MS, signal }),
  );
  if (typeof run === 'string') return run;
  ctx.log.info(`${label}: ${run.processes.map((p) => `${p.command} (pid ${p.pid}, ${p.cpuMs.toFixed(0)} ms CPU)`).join('; ')}`);
  return show(ctx, engine, run, label, `Hot spots of ${label} (${folder.name})`, processNote(run.processes.length, 'busiest'));
}

/** "Perf Lens: Profile Test File". */
export async function profileTestFileCommand(ctx: ScriptCommandContext): Promise<string> {
  const refused = refuseUntrusted('profiling a test file');
  if (refused) return refused;
  const target = await activeFile('test file');
  if (typeof target === 'string') return target;
  const { doc, folder } = target;
  const { engine } = await loadEngine((m) => ctx.log.warn(m));
  const label = vscode.workspace.asRelativePath(doc.uri);
  const run = await runWithProgress(engine, ctx.log, label, (signal) =>
    engine.profile.profileTestFile({ file: doc.fileName, cwd: folder.uri.fsPath, outFile: outFileIn(folder, path.basename(doc.fileName)), timeoutMs: TIME_LIMIT_MS, signal }),
  );
  if (typeof run === 'string') return run;
  ctx.log.info(`${label}: run with ${run.runner.id} (${run.runner.reason})`);
  return show(ctx, engine, run, `${label} (${run.runner.id})`, `Hot spots of ${label}`, processNote(run.processes.length, 'test'));
}
