/**
 * The Hot Spots page's markup (the elements webview/hotspots/main.ts looks up by id), shared by the
 * editor's webview (src/extension/profile/hotspots-html.ts) and the standalone HTML report (report-html.ts), so
 * the two cannot drift apart. Pure text: no script, no style attribute, no handler.
 */

/** Escapes text for HTML content and double- or single-quoted attributes. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's `<body>` content, with `title` escaped. */
export function hotspotsBody(title: string): string {
  return `<header>
  <h1 id="title">${escapeHtml(title)}</h1>
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
<p id="open-note" class="open-note" hidden><label for="open-path">Source</label> <input id="open-path" readonly size="60"></p>
${flameSection({ heading: 'Flame graph', hint: 'click a frame to zoom in and open it · Escape to zoom out', label: 'Flame graph' })}`;
}

/**
 * The flame graph's toolbar (search, reset zoom) and canvas, with the ids webview/shared/flame/flame-view.ts
 * and the pages' main.ts look up; also the Compare panel's (src/extension/compare/compare-html.ts). Text given
 * here is trusted markup, not escaped.
 */
export function flameSection(text: { heading: string; hint: string; label: string }): string {
  return `<div class="toolbar">
  <strong>${text.heading}</strong>
  <span class="muted">${text.hint}</span>
  <span class="spacer"></span>
  <input type="search" id="search" placeholder="Search functions" aria-label="Search functions">
  <span id="search-count" class="muted"></span>
  <button id="reset-zoom" type="button">Reset zoom</button>
</div>
<div class="flame-wrap">
  <div id="flame-scroller"><canvas id="flame" tabindex="0" role="img" aria-label="${text.label}"></canvas><div id="flame-spacer"></div></div>
  <div id="tooltip" hidden></div>
</div>`;
}
