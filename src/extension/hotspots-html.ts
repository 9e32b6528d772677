/**
 * *Pure*: the Hot Spots panel's page. The security rules in one place: CSP `default-src 'none'`, the
 * script and stylesheet only from the extension's webview origin (`cspSource`) and the script with a
 * fresh nonce, no inline handlers, no remote resources.
 */
export interface WebviewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh per page (crypto.randomBytes). */
  nonce: string;
  /** asWebviewUri of dist/webview/hotspots.js and .css. */
  scriptUri: string;
  styleUri: string;
  title: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource}`, `font-src ${cspSource}`, `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function hotspotsHtml(p: WebviewPage): string {
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(p.styleUri)}" nonce="${attr(p.nonce)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
<header>
  <h1 id="title">${escapeHtml(p.title)}</h1>
  <p id="partial" class="warning" hidden>The run stopped early: this profile covers only part of it.</p>
  <p id="summary" class="summary"></p>
</header>
<div class="toolbar">
  <label><input type="checkbox" id="my-code"> My code only</label>
  <span class="muted">(hides node: internals, node_modules and natives)</span>
</div>
<div class="table-wrap">
  <table id="functions">
    <thead><tr>
      <th data-key="functionName" tabindex="0">Function</th>
      <th data-key="selfMs" class="num" tabindex="0">Self ms</th>
      <th data-key="selfMs" class="num" tabindex="0">Self %</th>
      <th data-key="totalMs" class="num" tabindex="0">Total ms</th>
      <th data-key="totalMs" class="num" tabindex="0">Total %</th>
      <th data-key="calls" class="num" tabindex="0">Calls</th>
      <th data-key="file" tabindex="0">Location</th>
    </tr></thead>
    <tbody id="rows"></tbody>
  </table>
  <p id="empty" class="muted" hidden>No function of your own code was sampled: untick "My code only".</p>
</div>
<div class="toolbar">
  <strong>Flame graph</strong>
  <span class="muted">click a frame to zoom in and open it · Escape to zoom out</span>
  <span class="spacer"></span>
  <input type="search" id="search" placeholder="Search functions" aria-label="Search functions">
  <span id="search-count" class="muted"></span>
  <button id="reset-zoom" type="button">Reset zoom</button>
</div>
<div class="flame-wrap">
  <div id="flame-scroller"><canvas id="flame" tabindex="0" role="img" aria-label="Flame graph"></canvas><div id="flame-spacer"></div></div>
  <div id="tooltip" hidden></div>
</div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * The page of a profile that could not be read: the sentence saying why, with the panel's stylesheet and
 * no script at all (`script-src` stays 'none').
 */
export function hotspotsErrorHtml(p: Omit<WebviewPage, 'scriptUri'> & { message: string }): string {
  const csp = [`default-src 'none'`, `style-src ${p.cspSource} 'nonce-${p.nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}" nonce="${escapeHtml(p.nonce)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
<header>
  <h1 id="title">${escapeHtml(p.title)}</h1>
  <p id="error" class="warning" role="alert">${escapeHtml(p.message)}</p>
</header>
</body>
</html>
`;
}
