/**
 * *Pure*: a panel's page under the webviews' security rules, in one place: CSP `default-src 'none'`,
 * the script and stylesheet only from the extension's webview origin (`cspSource`), the script with a
 * fresh nonce, no inline handlers or styles, no remote resources. Used by the Hot Spots and Compare panels.
 */
import { escapeHtml } from '../../core/report/hotspots-page';
import { htmlDocument } from '../../core/report/html-document';

export interface WebviewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh per page (crypto.randomBytes). */
  nonce: string;
  /** asWebviewUri of dist/webview/<view>.js and .css. */
  scriptUri: string;
  styleUri: string;
  title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource}`, `font-src ${cspSource}`, `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

/** The stylesheet link of a page (allowed by `style-src` with the page's nonce). */
export function stylesheetLink(styleUri: string, nonce: string): string {
  return `<link rel="stylesheet" href="${escapeHtml(styleUri)}" nonce="${escapeHtml(nonce)}">`;
}

/** The whole page: `body` (trusted markup, already escaped) then the view's script. */
export function webviewPageHtml(p: WebviewPage & { body: string }): string {
  return htmlDocument({
    csp: contentSecurityPolicy(p.cspSource, p.nonce),
    head: [stylesheetLink(p.styleUri, p.nonce)],
    title: p.title,
    body: `${p.body}\n<script nonce="${escapeHtml(p.nonce)}" src="${escapeHtml(p.scriptUri)}"></script>`,
  });
}
