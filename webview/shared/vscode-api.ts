/**
 * The webview side of `acquireVsCodeApi`, re-typed so that `postMessage` accepts only the view's
 * `FromWebview` messages (src/protocol/<view>.ts). Call once per page: VS Code allows one acquisition.
 *
 * Outside VS Code (a saved HTML report opened in a browser, src/core/report/) there is no host: the
 * state lives in memory, the host's messages come from the page itself (a JSON array in
 * `<script type="application/json" id="perf-lens-messages">`, replayed when the page says `ready`), and
 * any other message goes to the page's `outsideVsCode` handler, or nowhere.
 */
import { EMBEDDED_MESSAGES_ID } from '../../src/core/report/embedded-messages';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

export interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

export interface VsCodeApiOptions<Out> {
  /** Outside VS Code: what to do with a message the page posts (other than `ready`) when no host can act on it. */
  outsideVsCode?(message: Out): void;
  /** Outside VS Code: turns an embedded host message into the one the page handles (the report packs some data). */
  decodeEmbedded?(message: unknown): unknown;
}

/** True inside a VS Code webview; false in a saved report opened in a browser. */
export function inVsCode(): boolean {
  return typeof acquireVsCodeApi === 'function';
}

export function vscodeApi<Out extends { type: string }, State = unknown>(options: VsCodeApiOptions<Out> = {}): VsCodeApi<Out, State> {
  if (!inVsCode()) return standaloneApi(options);
  const api = acquireVsCodeApi();
  return {
    postMessage: (message) => api.postMessage(message),
    getState: () => api.getState() as State | undefined,
    setState: (state) => api.setState(state),
  };
}

function standaloneApi<Out extends { type: string }, State>(options: VsCodeApiOptions<Out>): VsCodeApi<Out, State> {
  let state: State | undefined;
  return {
    postMessage: (message) => {
      if (message.type === 'ready') replayEmbeddedMessages(options.decodeEmbedded ?? ((m) => m));
      else options.outsideVsCode?.(message);
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

/** The page's embedded host messages, dispatched as `message` events (synchronously: no frame lost before the first paint). */
function replayEmbeddedMessages(decode: (message: unknown) => unknown): void {
  const text = document.getElementById(EMBEDDED_MESSAGES_ID)?.textContent;
  if (!text) return;
  const messages = JSON.parse(text) as unknown;
  if (!Array.isArray(messages)) return;
  const decoded = messages.map(decode);
  performance.mark('perf-lens:data-parsed');
  for (const data of decoded) window.dispatchEvent(new MessageEvent('message', { data }));
}

/**
 * Adds a listener for the host's messages, typed as the view's `ToWebview` union (the host is trusted).
 * Outside VS Code only the page's own replayed messages count, not another window's `postMessage`.
 */
export function onHostMessage<In>(handler: (message: In) => void): void {
  const standalone = !inVsCode();
  window.addEventListener('message', (event: MessageEvent<In>) => {
    if (standalone && event.source !== null) return;
    handler(event.data);
  });
}
