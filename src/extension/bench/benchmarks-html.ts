/**
 * *Pure*: the Benchmarks view's page, under the webviews' security rules (webview-page-html.ts): CSP
 * `default-src 'none'`, the script (with Chart.js bundled in, no eval) only with a fresh nonce, no inline
 * handlers or styles, no remote resources. The script fills everything from the host's `state` message.
 */
import { webviewPageHtml, type WebviewPage } from '../shared/webview-page-html';

export function benchmarksHtml(p: WebviewPage): string {
  return webviewPageHtml({
    ...p,
    body: `<p id="blocked" class="notice" hidden></p>
<div id="controls">
  <div class="toolbar">
    <button id="run-all" type="button">Run all</button>
    <button id="cancel" type="button" class="secondary" hidden>Cancel</button>
    <button id="refresh" type="button" class="secondary" title="Find benchmark files and baselines again">Refresh</button>
  </div>
  <p id="progress" class="progress" role="status" hidden></p>
  <ul id="messages" class="messages"></ul>
  <h2>Files</h2>
  <ul id="files" class="files"></ul>
  <h2>Baselines</h2>
  <div class="toolbar">
    <label for="compare-with">Compare with</label>
    <select id="compare-with"><option value="">(none)</option></select>
  </div>
  <form id="save-form" class="toolbar">
    <input id="baseline-name" type="text" placeholder="baseline name" aria-label="Baseline name" maxlength="100">
    <button id="save" type="submit" class="secondary">Save as baseline…</button>
  </form>
  <p id="name-problem" class="problem" hidden></p>
</div>
<section id="results-section" hidden>
  <h2>Results</h2>
  <div class="table-wrap">
    <table id="results">
      <thead><tr>
        <th>Benchmark</th><th>File</th><th class="num">Size</th><th class="num">Mean</th><th class="num">±CI</th><th class="num">RSD</th><th class="num">ops/s</th><th class="num" title="Bytes allocated per operation (perfLens.bench.memory)">Memory/op</th>
        <th class="num">vs baseline</th><th class="num">95% CI</th><th>Verdict</th><th>Budget</th><th></th>
      </tr></thead>
      <tbody id="rows"></tbody>
    </table>
  </div>
  <div class="chart-wrap"><canvas id="chart" role="img" aria-label="Current against baseline, with 95% confidence intervals"></canvas></div>
  <section id="history-section" hidden>
    <h2>History: <span id="history-name"></span></h2>
    <p id="history-note" class="muted" hidden></p>
    <div class="chart-wrap history"><canvas id="history-chart" role="img" aria-label="Mean per operation in each saved baseline and the current run, with 95% confidence intervals"></canvas></div>
  </section>
</section>`,
  });
}
