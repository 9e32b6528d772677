/**
 * *Pure*: the Compare Profiles panel's page, under the same security rules as the Hot Spots panel
 * (webview-page-html.ts): CSP `default-src 'none'`, the script only with a fresh nonce, stylesheet and
 * script from the extension's webview origin, no inline handlers or styles, no remote resources.
 */
import { escapeHtml, flameSection } from '../../core/report/hotspots-page';
import { webviewPageHtml, type WebviewPage } from '../shared/webview-page-html';

export function compareHtml(p: WebviewPage): string {
  return webviewPageHtml({
    ...p,
    body: `<header>
  <h1 id="title">${escapeHtml(p.title)}</h1>
  <p id="runs" class="summary"></p>
  <p id="norm" class="summary"></p>
</header>
<div class="toolbar">
  <label><input type="checkbox" id="my-code"> My code only</label>
  <span class="muted">(hides node: internals, node_modules and natives)</span>
  <span class="spacer"></span>
  <span class="legend"><span class="swatch slower"></span>slower <span class="swatch faster"></span>faster <span class="swatch same"></span>same or noise</span>
</div>
<div class="table-wrap">
  <table id="functions">
    <thead><tr>
      <th data-key="functionName" tabindex="0">Function</th>
      <th data-key="file" tabindex="0">Location</th>
      <th data-key="before" class="num" tabindex="0">Self before</th>
      <th data-key="after" class="num" tabindex="0">Self after</th>
      <th data-key="delta" class="num" tabindex="0" id="delta-head">Δ ms</th>
      <th data-key="relative" class="num" tabindex="0">Δ %</th>
      <th data-key="verdict" tabindex="0">Verdict</th>
    </tr></thead>
    <tbody id="rows"></tbody>
  </table>
  <p id="empty" class="muted" hidden>No function of your own code was sampled in either run: untick "My code only".</p>
</div>
${flameSection({
      heading: 'Differential flame graph',
      hint: 'width: the larger of the two runs · colour: change of self time · click a frame to zoom in and open it · Escape to zoom out',
      label: 'Differential flame graph',
    })}`,
  });
}
