/**
 * The Hot Spots panel's page: a sortable table of functions with a "my code only" box, GC/idle/program
 * in the header line, and the flame graph below. Talks to src/extension/profile/hotspots-panel.ts through the
 * messages of src/protocol/hotspots.ts: says `ready`, receives `show`, posts `open`.
 */
import '../shared/profile-page.css';
import type { Hotspot } from '../../src/core/profile/hotspots';
import type { FromWebview, ToWebview } from '../../src/protocol/hotspots';
import { unpackEmbedded } from '../../src/core/report/report-message';
import { onHostMessage, vscodeApi } from '../shared/vscode-api';
import { cell, isLocalFile, makeRowOpenable, wireTableControls, type TableState } from '../shared/table-controls';
import { FlameView } from '../shared/flame/flame-view';
import { nextSort, summaryLine, visibleRows, type SortKey } from './rows';
import { formatMs as ms, formatPercent as pct } from '../../src/core/format/numbers';
import { shortLocation } from '../shared/profile-format';

type Show = Extract<ToWebview, { type: 'show' }>;
type State = TableState<SortKey>;

performance.mark('perf-lens:script-start');
// Outside VS Code (a saved HTML report) nothing can open a file: the location is shown, ready to copy.
const vscode = vscodeApi<FromWebview, State>({
  outsideVsCode: (m) => {
    if (m.type === 'open') showLocation(`${m.file}:${m.line}:${m.column}`);
  },
  decodeEmbedded: unpackEmbedded,
});
const state: State = vscode.getState() ?? { myCodeOnly: true, sort: { key: 'selfMs', dir: 'desc' } };
let current: Show | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const title = $<HTMLHeadingElement>('title');
const partial = $<HTMLParagraphElement>('partial');
const summary = $<HTMLParagraphElement>('summary');
const myCode = $<HTMLInputElement>('my-code');
const tbody = $<HTMLTableSectionElement>('rows');
const empty = $<HTMLParagraphElement>('empty');

const flame = new FlameView($('flame-scroller'), $('flame-spacer'), $<HTMLCanvasElement>('flame'), $('tooltip'), {
  onOpen: (f) => vscode.postMessage({ type: 'open', ...f, preserveFocus: true }),
});

function showLocation(where: string): void {
  const path = $<HTMLInputElement>('open-path');
  path.value = where;
  $('open-note').hidden = false;
  path.select();
}

function open(h: Hotspot): void {
  if (h.file !== '' && h.line > 0) vscode.postMessage({ type: 'open', file: h.file, line: h.line, column: Math.max(1, h.column) });
}

/** Table rows rendered before the first paint, then per later frame. */
const FIRST_ROWS = 60;
const MORE_ROWS = 120;
let tableGeneration = 0;

/** Runs `fn` in a task after the next frame is rendered. */
function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function rowElement(h: Hotspot): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (isLocalFile(h.file)) makeRowOpenable(tr, () => open(h));
  const where = cell(shortLocation(h.file, h.line), 'location');
  where.title = h.file ? `${h.file}:${h.line}:${h.column}` : '';
  tr.append(
    cell(h.functionName, 'name'),
    cell(ms(h.selfMs), 'num'),
    cell(pct(h.selfPercent), 'num'),
    cell(ms(h.totalMs), 'num'),
    cell(pct(h.totalPercent), 'num'),
    cell(h.calls === null ? '—' : String(h.calls), 'num'),
    where,
  );
  return tr;
}

function renderTable(): void {
  if (!current) return;
  myCode.checked = state.myCodeOnly;
  // "Self ms" and "Self %" sort alike: the arrow goes on the first of them.
  const active = document.querySelector<HTMLElement>(`th[data-key="${state.sort.key}"]`);
  for (const th of Array.from(document.querySelectorAll<HTMLElement>('th[data-key]'))) {
    th.setAttribute('aria-sort', th === active ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
  }
  const rows = visibleRows(current.report.hotspots, state.myCodeOnly, state.sort.key, state.sort.dir);
  // The first rows at once, the rest a chunk per frame after that: laying out 1000 rows at once took
  // ~170 ms before the flame graph's first paint (bench/profile/flame-paint.mjs). A newer render cancels the rest.
  const generation = ++tableGeneration;
  tbody.replaceChildren(...rows.slice(0, FIRST_ROWS).map(rowElement));
  const more = (from: number) => {
    if (generation !== tableGeneration || from >= rows.length) return;
    tbody.append(...rows.slice(from, from + MORE_ROWS).map(rowElement));
    afterNextPaint(() => more(from + MORE_ROWS));
  };
  afterNextPaint(() => more(FIRST_ROWS));
  empty.hidden = rows.length > 0;
}

function show(message: Show): void {
  current = message;
  title.textContent = message.title;
  document.title = message.title;
  partial.hidden = !message.partial;
  summary.textContent = summaryLine(message.report);
  const first = performance.getEntriesByName('perf-lens:flame-drawn').length === 0;
  renderTable();
  if (first) performance.mark('perf-lens:table-rendered');
  flame.show(message.flame);
  runSearch();
  // Marks for bench/profile/flame-paint.mjs, first `show` only: the flame graph drawn on its canvas
  // (synchronously, in `flame.show`), then painted (a task queued from the next animation frame runs
  // once that frame's rendering is done).
  if (first) {
    performance.mark('perf-lens:flame-drawn');
    afterNextPaint(() => performance.mark('perf-lens:flame-painted'));
  }
}

const { runSearch } = wireTableControls({ state, save: (st) => vscode.setState(st), nextSort: nextSort, renderTable, flame });

onHostMessage<ToWebview>((message) => {
  if (message.type === 'show') show(message);
});
vscode.postMessage({ type: 'ready' });
