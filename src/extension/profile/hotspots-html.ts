/**
 * *Pure*: the Hot Spots panel's page, under the webviews' security rules (webview-page-html.ts). The
 * body's markup is shared with the HTML report (src/core/report/hotspots-page.ts).
 */
import { escapeHtml, hotspotsBody } from '../../core/report/hotspots-page';
import { htmlDocument } from '../../core/report/html-document';
import { stylesheetLink, webviewPageHtml, type WebviewPage } from '../shared/webview-page-html';

export { contentSecurityPolicy, type WebviewPage } from '../shared/webview-page-html';

export function hotspotsHtml(p: WebviewPage): string {
  return webviewPageHtml({ ...p, body: hotspotsBody(p.title) });
}

/**
 * The page of a profile that could not be read: the sentence saying why, with the panel's stylesheet and
 * no script at all (`script-src` stays 'none').
 */
export function hotspotsErrorHtml(p: Omit<WebviewPage, 'scriptUri'> & { message: string }): string {
  return htmlDocument({
    csp: [`default-src 'none'`, `style-src ${p.cspSource} 'nonce-${p.nonce}'`].join('; '),
    head: [stylesheetLink(p.styleUri, p.nonce)],
    title: p.title,
    body: `<header>
  <h1 id="title">${escapeHtml(p.title)}</h1>
  <p id="error" class="warning" role="alert">${escapeHtml(p.message)}</p>
</header>`,
  });
}
