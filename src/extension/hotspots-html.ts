/**
 * *Pure*: the Hot Spots panel's page. The security rules in one place: CSP `default-src 'none'`, the
 * script and stylesheet only from the extension's webview origin (`cspSource`) and the script with a
 * fresh nonce, no inline handlers, no remote resources. The body's markup is shared with the HTML
 * report (src/core/report/hotspots-page.ts).
 */
import { escapeHtml, hotspotsBody } from '../core/report/hotspots-page';

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
${hotspotsBody(p.title)}
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
