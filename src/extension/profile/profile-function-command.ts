/**
 * "Perf Lens: Profile Function": the function around the cursor (or a "Profile" lens's) is called over
 * and over in a child process under the CPU profiler (src/runner/profile), then counted once more for
 * exact call counts; its hot lines and lenses are marked in the editor and its hot spots are one click away. Profiling runs the workspace's code, so Workspace Trust comes first.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { refuseUntrusted, say } from '../shared/say';
import { type LoadedEngine, loadEngine } from '../shared/engine-loader';
import type { HotLineDecorations } from './hot-lines';
import { showProfileResult } from './show-profile-result';
import type { ProfileCodeLensProvider } from './profile-lens-provider';
import { chooseAtCursor, chooseTarget, parseProfileTarget } from './profile-lens-model';
import { PROFILABLE_FILE, argsKey, parseRememberedArgs, profileSummary, validateArgs } from './profile-function-model';
import { confirmAfterProfile } from '../hints/runtime-confirmations';
import { PROFILES_DIR, savedProfileFileName } from '../../core/profile/profile-store-names';

/** How long the function is called under the profiler (the runner's default), and its warm-up before. */
const PROFILED_MS = 2000;
const DEFAULT_WARMUP_MS = 300;
/** About how long the harness takes to start and load the module. */
const START_MS = 300;

async function readRemembered(folder: vscode.Uri): Promise<Record<string, string>> {
  try {
    return parseRememberedArgs(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.perf-lens', 'profile-args.json'))));
  } catch {
    return {};
  }
}

async function remember(folder: vscode.Uri, key: string, args: string): Promise<void> {
  const all = await readRemembered(folder);
  all[key] = args;
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.perf-lens', 'profile-args.json'), new TextEncoder().encode(`${JSON.stringify(all, null, 2)}\n`));
}

/** Where the last profile goes in the editor. */
export interface ProfileViews {
  hotLines: HotLineDecorations;
  lenses: ProfileCodeLensProvider;
}

type Engine = LoadedEngine['engine'];
type Run = Awaited<ReturnType<Engine['profile']['profileFunction']>>;

/**
 * Everything read from a finished run, in one place: the profile, its call counts, the hot spots of the
 * user's code (hot lines, lenses, summary), of everything (the panel) and the flame graph. This is the
 * call to move off the extension host's thread.
 */
/**
 * Resolves to the sentence shown to the user (tests read it). `target` comes from a "Profile" lens
 * (`{ uri, name, line }`); without it, the function at the cursor is profiled.
 */
export async function profileFunction(extensionUri: vscode.Uri, views: ProfileViews, log: vscode.LogOutputChannel, target?: unknown): Promise<string> {
  const refused = refuseUntrusted('profiling a function');
  if (refused) return refused;
  const wanted = target === undefined ? undefined : parseProfileTarget(target);
  if (typeof wanted === 'string') return say(wanted, 'error');
  let doc: vscode.TextDocument | undefined;
  let cursorLine = 0;
  if (wanted) {
    try {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(wanted.uri, true));
    } catch (e) {
      return say(`Perf Lens: cannot open ${wanted.uri} to profile ${wanted.name} (${e instanceof Error ? e.message : String(e)}).`, 'error');
    }
  } else {
    const editor = vscode.window.activeTextEditor;
    doc = editor?.document;
    cursorLine = (editor?.selection.active.line ?? 0) + 1;
  }
  if (!doc || doc.uri.scheme !== 'file' || !PROFILABLE_FILE.test(doc.fileName)) {
    return say('Perf Lens: open a JavaScript or TypeScript file and put the cursor in the function to profile.');
  }
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return say('Perf Lens: the file must be inside an open workspace folder to be profiled.');
  if (doc.isDirty) await doc.save();

  const { engine } = await loadEngine((m) => log.warn(m));
  const text = doc.getText();
  const callable = engine.profile.callableFunctions(text, doc.fileName);
  const fn = wanted ? chooseTarget(callable, wanted) : chooseAtCursor(callable, engine.profile.functionsInSource(text, doc.fileName), cursorLine);
  if (!fn && wanted) return say(`Perf Lens: ${wanted.name} is no longer exported by ${vscode.workspace.asRelativePath(doc.uri)}; nothing was run.`);
  if (!fn) return say('Perf Lens: put the cursor inside a named function (or a const holding one) to profile it.');

  const key = argsKey(path.relative(folder.uri.fsPath, doc.fileName), fn.name);
  const remembered = await readRemembered(folder.uri);
  const argsText = await vscode.window.showInputBox({
    title: `Profile ${fn.name}`,
    prompt: `Arguments for ${fn.name}: a JavaScript array, evaluated in the module (its own helpers work), e.g. [makeOrders(10_000)]. It is called with them over and over for 2 s.`,
    value: remembered[key] ?? '[]',
    validateInput: validateArgs,
    ignoreFocusOut: true,
  });
  if (argsText === undefined) return 'cancelled';
  await remember(folder.uri, key, argsText);

  // The function's whole name (no 60-character cut): Compare with Previous Run matches runs by it.
  const outFile = path.join(folder.uri.fsPath, ...PROFILES_DIR, savedProfileFileName(fn.name, new Date(), { maxNameChars: Number.POSITIVE_INFINITY }));
  const module = doc.fileName;
  let run: Run;
  try {
    run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Perf Lens: profiling ${fn.name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        // The harness does not report its phases; its counting pass starts once the profiled time is up.
        progress.report({ message: `warming up, then ${PROFILED_MS / 1000} s of calls under the profiler, then counting calls…` });
        const counting = setTimeout(
          () => progress.report({ message: 'counting calls (the same calls again, without the profiler, for exact call counts)…' }),
          START_MS + DEFAULT_WARMUP_MS + PROFILED_MS,
        );
        try {
          return await engine.profile.profileFunction({
            module,
            exportName: fn.exportName,
            args: [],
            argsExpression: argsText,
            durationMs: PROFILED_MS,
            outFile,
            cwd: folder.uri.fsPath,
            signal: controller.signal,
            callCounts: true,
          });
        } finally {
          clearTimeout(counting);
        }
      },
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'cancelled') return say('Perf Lens: profiling cancelled; the target was stopped.');
    const message = `Perf Lens: profiling ${fn.name} failed: ${e instanceof Error ? e.message : String(e)}`;
    if (e instanceof engine.profile.ProfileTargetError && e.stderrTail) log.error(`${message}\n${e.stderrTail}`);
    return say(message, 'error');
  }

  return showProfileResult({
    extensionUri,
    engine,
    hotLines: views.hotLines,
    log,
    run,
    label: `${fn.name} (export "${fn.exportName}")`,
    logDetail: `${run.calls} calls; ${run.coveragePath ? `call counts in ${run.coveragePath}` : `no call counts${run.callCountsNote ? ` (${run.callCountsNote})` : ''}`}`,
    panelTitle: `Hot spots of ${fn.name} (${vscode.workspace.asRelativePath(module)})`,
    // Every function of the profiled files, so each lens finds its own.
    myCodeLimit: 1000,
    summary: (top) => profileSummary(fn.name, run.calls, run.profiledMs, run.partial, top, run.note),
    onAnalysed: (analysis) => {
      views.lenses.setLastProfile(analysis.myCode.hotspots);
      // Runtime confirmation of the module's n-plus-one findings, handed to the hint controller (runtime-confirmations.ts).
      void confirmAfterProfile(engine, { module, exportName: fn.exportName, argsExpression: argsText, cwd: folder.uri.fsPath, run }, log);
    },
  });
}
