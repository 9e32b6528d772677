/**
 * "Open clinic flame data…": a `.clinic` folder (or one run in it) the user already has, shown in the Hot
 * Spots panel. Only reads files, so it works in Restricted Mode too. clinic is not a dependency: it is
 * unmaintained; its flame samples are 0x's format, read by src/core/profile/import/clinic.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadEngine } from '../shared/engine-loader';
import { HotspotsPanel } from './hotspots-panel';
import { offerToolPage } from './zero-x-command';

async function pickFolder(): Promise<string | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dotClinic = root && root.scheme === 'file' && fs.existsSync(path.join(root.fsPath, '.clinic')) ? vscode.Uri.joinPath(root, '.clinic') : root;
  const picked = await vscode.window.showOpenDialog({
    title: 'A .clinic folder, or one clinic flame run in it',
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: dotClinic,
    openLabel: 'Open clinic flame data',
  });
  return picked?.[0]?.fsPath;
}

/** Resolves to the sentence shown to the user (tests read it); `target` skips the dialog. */
export async function openClinicProfile(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, target?: unknown): Promise<string> {
  const chosen = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.fsPath : await pickFolder();
  if (!chosen) return 'cancelled';
  const { engine } = await loadEngine((m) => log.warn(m));
  let folder = chosen;
  const runs = engine.profile.clinicFlameRuns(chosen);
  if (runs.length > 1) {
    const pick = await vscode.window.showQuickPick(
      runs.map((r, i) => ({ label: path.basename(r), description: i === 0 ? 'newest' : new Date(fs.statSync(r).mtimeMs).toLocaleString(), run: r })),
      { title: 'clinic flame run to open', placeHolder: `${runs.length} clinic flame runs in ${path.basename(chosen)}` },
    );
    if (!pick) return 'cancelled';
    folder = pick.run;
  }
  let data;
  try {
    data = engine.profile.readProfile(folder);
  } catch (e) {
    const message = `Perf Lens: ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(message);
    return message;
  }
  const lookup = engine.profile.enclosingFunctionLookup();
  const name = path.basename(path.dirname(data.dataFile));
  HotspotsPanel.show(extensionUri, {
    report: engine.profile.computeHotspots(data.profile, { enclosingFunction: lookup, limit: 1000 }),
    flame: engine.profile.buildFlame(data.profile, { enclosingFunction: lookup }),
    title: `Hot spots of ${name}`,
    partial: false,
  });
  const summary = `Perf Lens: opened ${name} (${data.profile.samples.length} samples${data.estimatedTimes ? '; clinic keeps no times, so each counts as 1 ms' : ''}).`;
  offerToolPage(summary, data.flamegraphHtml, data.format === '0x' ? 'Open 0x flamegraph.html' : "Open clinic's flame graph");
  return summary;
}
