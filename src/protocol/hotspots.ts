/**
 * Messages of the Hot Spots panel (src/extension/hotspots-panel.ts ⇄ webview/hotspots/). Types only.
 * The host validates every incoming message (src/extension/hotspots-messages.ts) before acting on it.
 */
import type { FlameData } from '../core/profile/flame';
import type { HotspotReport } from '../core/profile/hotspots';

/** Host → webview. */
export type ToWebview = {
  type: 'show';
  /** Every function (not only the user's): the webview's "my code only" box filters. */
  report: HotspotReport;
  flame: FlameData;
  /** e.g. "report — scratch/hot.js". */
  title: string;
  /** The run stopped early (cancelled, or the target threw): the profile covers part of it. */
  partial: boolean;
};

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  /**
   * Open a file of the report at a 1-based line and column. `preserveFocus`: keep the keyboard in the
   * panel (a flame-graph click, which also zooms); a table row moves it to the editor.
   */
  | { type: 'open'; file: string; line: number; column: number; preserveFocus?: boolean };
