/**
 * Messages of the Hot Spots panel (src/extension/profile/hotspots-panel.ts ⇄ webview/hotspots/). Types only.
 * The host validates every incoming message (src/extension/profile/hotspots-messages.ts) before acting on it.
 */
import type { ShowMessage } from '../core/report/report-message';

/** Host → webview: the page's data (declared in core, which the HTML report shares). */
export type ToWebview = ShowMessage;

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  /**
   * Open a file of the report at a 1-based line and column. `preserveFocus`: keep the keyboard in the
   * panel (a flame-graph click, which also zooms); a table row moves it to the editor.
   */
  | { type: 'open'; file: string; line: number; column: number; preserveFocus?: boolean };
