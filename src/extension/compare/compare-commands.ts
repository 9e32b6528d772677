/**
 * "Perf Lens: Compare Profiles…" (two file pickers) and "Perf Lens: Compare with Previous Run" (a saved
 * run of `.perf-lens/profiles/` and the one of the same function just before it). Comparing only reads
 * files — the profiles, their call-count files, the profiled sources — so it works in Restricted Mode.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { say } from '../shared/say';
import { loadEngine } from '../shared/engine-loader';
import { ComparePanel } from './compare-panel';
import { comparisonTitle } from './saved-runs';
import { PROFILES_DIR, previousRun, runsNewestFirst, stampLabel, type SavedRun } from '../../core/profile/profile-store-names';

/** `.perf-lens/profiles` of each workspace folder. */
function profileFolders(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, ...PROFILES_DIR));
}

async function fileNamesIn(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
  } catch {
    return []; // no such folder yet
  }
}

/** Both profiles compared in the panel; resolves to the sentence shown (tests read it). */
export async function showComparison(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, before: vscode.Uri, after: vscode.Uri): Promise<string> {
  if (before.scheme !== 'file' || after.scheme !== 'file') return say('Perf Lens: only profiles on this machine\'s disk can be compared.', 'error');
  if (before.fsPath === after.fsPath) return say('Perf Lens: pick two different profiles to compare.', 'error');
  const { engine } = await loadEngine((m) => log.warn(m));
  let comparison;
  try {
    // Off the extension host's thread: two big profiles take seconds to read and merge.
    comparison = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Perf Lens: comparing profiles' }, () =>
      engine.compare.compareProfileFilesInWorker(before.fsPath, after.fsPath),
    );
  } catch (e) {
    return say(`Perf Lens: cannot compare the profiles: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
  const label = (u: vscode.Uri) => path.basename(u.fsPath);
  const run = (u: vscode.Uri, r: typeof comparison.before) => ({ label: label(u), path: r.path, durationMs: r.durationMs, ...(r.calls === undefined ? {} : { calls: r.calls }) });
  ComparePanel.show(extensionUri, {
    title: comparisonTitle(label(before), label(after)),
    before: run(before, comparison.before),
    after: run(after, comparison.after),
    functions: comparison.functions,
    flame: comparison.flame,
  });
  const { mode } = comparison.flame.norm;
  log.info(`compared ${before.fsPath} → ${after.fsPath} (${mode === 'call' ? 'per call' : 'as % of each run'}, ${comparison.functions.length} functions)`);
  return `Perf Lens: compared ${label(before)} → ${label(after)}`;
}

/** Two file pickers (the older profile, then the newer one), starting in `.perf-lens/profiles`. */
export async function compareProfiles(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<string> {
  const folders = profileFolders();
  let start: vscode.Uri | undefined;
  for (const f of folders) {
    if ((await fileNamesIn(f)).length > 0) {
      start = f;
      break;
    }
  }
  start ??= vscode.workspace.workspaceFolders?.[0]?.uri;
  const pick = async (title: string, defaultUri: vscode.Uri | undefined) =>
    (await vscode.window.showOpenDialog({ title, defaultUri, canSelectMany: false, openLabel: 'Compare', filters: { 'CPU profiles': ['cpuprofile'] } }))?.[0];
  const before = await pick('Compare Profiles (1/2): the older profile ("before")', start);
  if (!before) return 'cancelled';
  const after = await pick('Compare Profiles (2/2): the newer profile ("after")', vscode.Uri.joinPath(before, '..'));
  if (!after) return 'cancelled';
  return showComparison(extensionUri, log, before, after);
}

interface RunPick extends vscode.QuickPickItem {
  run: SavedRun;
  folder: vscode.Uri;
  previous?: SavedRun;
}

/**
 * A saved run against the run of the same function just before it. `target` (from the Explorer's context
 * menu) names the newer profile; without it, a pick of the saved runs, the last profiled one first.
 */
export async function compareWithPreviousRun(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, target?: unknown): Promise<string> {
  if (target instanceof vscode.Uri) {
    const folder = vscode.Uri.joinPath(target, '..');
    const file = path.basename(target.fsPath);
    const previous = previousRun(await fileNamesIn(folder), file);
    if (!previous) return say(noPreviousRun(file));
    return showComparison(extensionUri, log, vscode.Uri.joinPath(folder, previous.file), target);
  }

  const items: RunPick[] = [];
  for (const folder of profileFolders()) {
    const files = await fileNamesIn(folder);
    for (const run of runsNewestFirst(files)) items.push({ run, folder, previous: previousRun(files, run.file), label: run.name, description: stampLabel(run.stamp) });
  }
  items.sort((a, b) => (a.run.stamp < b.run.stamp ? 1 : a.run.stamp > b.run.stamp ? -1 : 0));
  if (items.length === 0) {
    return say('Perf Lens: there are no saved profiles in .perf-lens/profiles yet: run "Perf Lens: Profile Function", then again after a change, to compare the two runs.');
  }
  if (!items.some((i) => i.previous)) {
    return say(`Perf Lens: no function has an earlier run to compare with yet (${items[0].run.name} was profiled once): profile it again after a change.`);
  }
  for (const i of items) i.detail = i.previous ? `compared with the run of ${stampLabel(i.previous.stamp)}` : 'no earlier run of this function';
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Compare with Previous Run',
    placeHolder: 'A saved run, compared with the one before it (newest first)',
    matchOnDescription: true,
  });
  if (!chosen) return 'cancelled';
  if (!chosen.previous) return say(noPreviousRun(chosen.run.file));
  return showComparison(extensionUri, log, vscode.Uri.joinPath(chosen.folder, chosen.previous.file), vscode.Uri.joinPath(chosen.folder, chosen.run.file));
}

function noPreviousRun(file: string): string {
  return `Perf Lens: ${file} has no earlier run of the same function beside it to compare with (runs are saved as <function>-<date>-<time>.cpuprofile): profile it again after a change, or use "Compare Profiles…".`;
}
