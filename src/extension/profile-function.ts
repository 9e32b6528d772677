/**
 * "Perf Lens: Profile Function": the function around the cursor is called over and over in a child
 * process under the CPU profiler (src/runner/profile), then its hot lines are marked in the editor and
 * its hot spots are one click away. Profiling runs the workspace's code, so Workspace Trust comes first.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { trustGate } from './trust';
import { loadEngine } from './engine-loader';
import type { HotLineDecorations } from './hot-lines';
import { HotspotsPanel } from './hotspots-panel';
import { confirmAfterProfile } from './runtime-confirmations';
import { argsKey, functionAtCursor, parseRememberedArgs, profileSummary, validateArgs } from './profile-target';

const PROFILABLE = /\.(c|m)?(j|t)s$/i;

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

/** Resolves to the sentence shown to the user (tests read it). */
export async function profileFunction(extensionUri: vscode.Uri, hotLines: HotLineDecorations, log: vscode.LogOutputChannel): Promise<string> {
  const gate = trustGate(vscode.workspace.isTrusted, 'profiling a function');
  if (!gate.allowed) {
    void vscode.window.showWarningMessage(gate.message, gate.action).then((choice) => {
      if (choice === gate.action) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return gate.message;
  }
  const say = (message: string, kind: 'info' | 'error' = 'info') => {
    void (kind === 'error' ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
    return message;
  };
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!editor || !doc || doc.uri.scheme !== 'file' || !PROFILABLE.test(doc.fileName)) {
    return say('Perf Lens: open a JavaScript or TypeScript file and put the cursor in the function to profile.');
  }
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return say('Perf Lens: the file must be inside an open workspace folder to be profiled.');
  if (doc.isDirty) await doc.save();

  const { engine } = await loadEngine((m) => log.warn(m));
  const fn = functionAtCursor(engine.functionsInSource(doc.getText(), doc.fileName), editor.selection.active.line + 1);
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

  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const outFile = path.join(folder.uri.fsPath, '.perf-lens', 'profiles', `${fn.name.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${stamp}.cpuprofile`);
  let run;
  try {
    run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Perf Lens: profiling ${fn.name}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        return engine.profileFunction({
          module: doc.fileName,
          exportName: fn.name,
          args: [],
          argsExpression: argsText,
          outFile,
          cwd: folder.uri.fsPath,
          signal: controller.signal,
        });
      },
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'cancelled') return say('Perf Lens: profiling cancelled; the target was stopped.');
    const message = `Perf Lens: profiling ${fn.name} failed: ${e instanceof Error ? e.message : String(e)}`;
    if (e instanceof engine.ProfileTargetError && e.stderrTail) log.error(`${message}\n${e.stderrTail}`);
    return say(message, 'error');
  }

  const profile = engine.readCpuProfile(run.profilePath);
  const lookup = engine.enclosingFunctionLookup();
  const report = engine.computeHotspots(profile, { enclosingFunction: lookup, myCodeOnly: true, hidden: engine.isHarnessFrame });
  hotLines.show(report.hotLines);
  // Runtime confirmation of the module's n-plus-one findings, handed to the hint controller (runtime-confirmations.ts).
  void confirmAfterProfile(engine, { module: doc.fileName, exportName: fn.name, argsExpression: argsText, cwd: folder.uri.fsPath, run }, log);
  log.info(`profiled ${fn.name}: ${run.calls} calls, ${run.sampleCount} samples at ${run.achievedIntervalUs.toFixed(0)} µs (asked ${run.requestedIntervalUs}); ${run.profilePath}`);
  const summary = profileSummary(fn.name, run.calls, run.profiledMs, run.partial, report.hotspots[0]);
  void vscode.window.showInformationMessage(summary, 'Show Hot Spots', 'Open Profile').then((choice) => {
    if (choice === 'Open Profile') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(run.profilePath));
    if (choice === 'Show Hot Spots') {
      // Every function, not only the user's: the panel's "my code only" box filters.
      HotspotsPanel.show(extensionUri, {
        report: engine.computeHotspots(profile, { enclosingFunction: lookup, hidden: engine.isHarnessFrame, limit: 1000 }),
        flame: engine.buildFlame(profile, { enclosingFunction: lookup, hidden: engine.isHarnessFrame }),
        title: `Hot spots of ${fn.name} (${vscode.workspace.asRelativePath(doc.uri)})`,
        partial: run.partial,
      });
    }
  });
  return summary;
}
