/**
 * What every profiling command does after a run: hot lines in the editor, a line in the log, the summary
 * notification with "Show Hot Spots" (the panel, every function and the flame graph) and "Open Profile".
 * The same steps as the end of profile-function.ts, which can call this instead (left for the merge).
 */
import * as vscode from 'vscode';
import type { Engine } from './engine-loader';
import type { HotLineDecorations } from './hot-lines';
import { HotspotsPanel } from './hotspots-panel';
import type { Hotspot } from '../core/profile/hotspots';

export interface FinishedRun {
  profilePath: string;
  partial: boolean;
  sampleCount: number;
  achievedIntervalUs: number;
  requestedIntervalUs: number;
}

export interface ShowProfileResult {
  extensionUri: vscode.Uri;
  engine: Engine;
  hotLines: HotLineDecorations;
  log: vscode.LogOutputChannel;
  run: FinishedRun;
  /** What ran, for the log: "npm run work". */
  label: string;
  /** The Hot Spots panel's title. */
  panelTitle: string;
  /** The notification's sentence, given the hottest function of the user's own code. */
  summary(top: Hotspot | undefined): string;
}

/** Resolves to the summary sentence (tests read it); the notification is not awaited. */
export function showProfileResult(o: ShowProfileResult): string {
  const { engine, run } = o;
  let profile: ReturnType<Engine['readCpuProfile']>;
  let lookup: ReturnType<Engine['enclosingFunctionLookup']>;
  let report: ReturnType<Engine['computeHotspots']>;
  try {
    profile = engine.readCpuProfile(run.profilePath);
    lookup = engine.enclosingFunctionLookup();
    report = engine.computeHotspots(profile, { enclosingFunction: lookup, myCodeOnly: true, hidden: engine.isHarnessFrame });
  } catch (e) {
    const message = `Perf Lens: the profile of ${o.label} was saved but could not be read (${e instanceof Error ? e.message : String(e)}): ${run.profilePath}`;
    void vscode.window.showErrorMessage(message);
    return message;
  }
  o.hotLines.show(report.hotLines);
  o.log.info(`profiled ${o.label}: ${run.sampleCount} samples at ${run.achievedIntervalUs.toFixed(0)} µs (asked ${run.requestedIntervalUs}); ${run.profilePath}`);
  const summary = o.summary(report.hotspots[0]);
  void vscode.window.showInformationMessage(summary, 'Show Hot Spots', 'Open Profile').then((choice) => {
    if (choice === 'Open Profile') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(run.profilePath));
    if (choice === 'Show Hot Spots') {
      // Every function, not only the user's: the panel's "my code only" box filters.
      HotspotsPanel.show(o.extensionUri, {
        report: engine.computeHotspots(profile, { enclosingFunction: lookup, hidden: engine.isHarnessFrame, limit: 1000 }),
        flame: engine.buildFlame(profile, { enclosingFunction: lookup, hidden: engine.isHarnessFrame }),
        title: o.panelTitle,
        partial: run.partial,
      });
    }
  });
  return summary;
}
