/**
 * What every profiling command does after a run: the profile read and analysed in a worker thread (a big
 * profile must not stall the extension host), hot lines in the editor, a line in the log, the summary
 * notification with "Show Hot Spots" (the panel, every function and the flame graph) and "Open Profile".
 */
import * as vscode from 'vscode';
import type { Engine } from '../shared/engine-loader';
import type { HotLineDecorations } from './hot-lines';
import { HotspotsPanel } from './hotspots-panel';
import { say } from '../shared/say';
import type { Hotspot } from '../../core/profile/hotspots';
import type { ProfileAnalysis } from '../../runner/profile/analysis/analyze-profile';

export interface FinishedRun {
  profilePath: string;
  partial: boolean;
  sampleCount: number;
  achievedIntervalUs: number;
  requestedIntervalUs: number;
  /** A function profile's call-count file: calls in the table, the summary and the lenses. */
  coveragePath?: string;
}

export interface ShowProfileResult {
  extensionUri: vscode.Uri;
  engine: Engine;
  hotLines: HotLineDecorations;
  log: vscode.LogOutputChannel;
  run: FinishedRun;
  /** What ran, for the log and errors: "npm run work", "packingSlip". */
  label: string;
  /** Appended to the log line (call counts, say). */
  logDetail?: string;
  /** The Hot Spots panel's title. */
  panelTitle: string;
  /** How many of the user's own functions to keep (default 100; the Profile lenses want them all). */
  myCodeLimit?: number;
  /** The notification's sentence, given the hottest function of the user's own code. */
  summary(top: Hotspot | undefined): string;
  /** More to do once the profile is analysed (before the summary shows): the lenses' last times, say. */
  onAnalysed?(analysis: ProfileAnalysis): void;
}

/** Resolves to the summary sentence (tests read it); the notification is not awaited. */
export async function showProfileResult(o: ShowProfileResult): Promise<string> {
  const { engine, run } = o;
  let analysis: ProfileAnalysis;
  try {
    analysis = await engine.profile.analyzeProfileOffThread(run.profilePath, { callCountsFile: run.coveragePath, myCodeLimit: o.myCodeLimit });
  } catch (e) {
    return say(`Perf Lens: the profile of ${o.label} was saved but could not be read (${e instanceof Error ? e.message : String(e)}): ${run.profilePath}`, 'error');
  }
  o.hotLines.show(analysis.myCode.hotLines);
  o.onAnalysed?.(analysis);
  o.log.info(
    `profiled ${o.label}: ${run.sampleCount} samples at ${run.achievedIntervalUs.toFixed(0)} µs (asked ${run.requestedIntervalUs})${o.logDetail ? `; ${o.logDetail}` : ''}; ${run.profilePath}`,
  );
  const summary = o.summary(analysis.myCode.hotspots[0]);
  void vscode.window.showInformationMessage(summary, 'Show Hot Spots', 'Open Profile').then((choice) => {
    if (choice === 'Open Profile') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(run.profilePath));
    // Every function, not only the user's: the panel's "my code only" box filters.
    if (choice === 'Show Hot Spots') HotspotsPanel.show(o.extensionUri, { report: analysis.all, flame: analysis.flame, title: o.panelTitle, partial: run.partial });
  });
  return summary;
}
