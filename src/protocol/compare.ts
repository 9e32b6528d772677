/**
 * Messages of the Compare Profiles panel (src/extension/compare/compare-panel.ts ⇄ webview/compare/). Types only.
 * The host validates every incoming message (src/extension/compare/compare-messages.ts) before acting on it.
 */
import type { FunctionDiff } from '../core/profile/diff';
import type { DiffFlameData } from '../core/profile/diff-flame';

/** One of the two compared runs, as the header names it. */
export interface CompareRun {
  /** The profile's file name (`report-20261130-100502.cpuprofile`); the full path is in `path`. */
  label: string;
  path: string;
  durationMs: number;
  /** Calls of the profiled function, when its call-count file was found. */
  calls?: number;
}

/** Host → webview. */
export type ToWebview = {
  type: 'show';
  /** e.g. "report: 10:03:11 → 10:05:02". */
  title: string;
  /** The older run. */
  before: CompareRun;
  /** The newer run. */
  after: CompareRun;
  /** Every function of either run (the webview's "my code only" box filters); each row's verdict comes from `flame.norm`. */
  functions: FunctionDiff[];
  /** The merged flame graph, with the normalisation of the whole comparison in `flame.norm`. */
  flame: DiffFlameData;
};

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  /** Open a file of the comparison at a 1-based line and column; `preserveFocus` keeps the keyboard in the panel. */
  | { type: 'open'; file: string; line: number; column: number; preserveFocus?: boolean };
