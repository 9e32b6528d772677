/**
 * The webview side of `acquireVsCodeApi`, re-typed so that `postMessage` accepts only the view's
 * `FromWebview` messages (src/protocol/<view>.ts). Call once per page: VS Code allows one acquisition.
 */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

export interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

export function vscodeApi<Out, State = unknown>(): VsCodeApi<Out, State> {
  const api = acquireVsCodeApi();
  return {
    postMessage: (message) => api.postMessage(message),
    getState: () => api.getState() as State | undefined,
    setState: (state) => api.setState(state),
  };
}

/** Adds a listener for the host's messages, typed as the view's `ToWebview` union (the host is trusted). */
export function onHostMessage<In>(handler: (message: In) => void): void {
  window.addEventListener('message', (event: MessageEvent<In>) => handler(event.data));
}
