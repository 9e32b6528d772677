/**
 * The Compare Profiles panel's page: the header line saying how the two runs were made comparable, a
 * sortable table of functions (self before → after, change, verdict) with a "my code only" box, and the
 * differential flame graph (the Hot Spots panel's FlameView with colours by change and before/after
 * tooltips). Talks to src/extension/compare/compare-panel.ts through src/protocol/compare.ts: says `ready`,
 * receives `show`, posts `open`.
 */
import '../shared/profile-page.css';
import './compare.css';
import type { DiffFlameData } from '../../src/core/profile/diff-flame';
import type { FromWebview, ToWebview } from '../../src/protocol/compare';
import { onHostMessage, vscodeApi } from '../shared/vscode-api';
import { cell, isLocalFile, makeRowOpenable, wireTableControls, type TableState } from '../shared/table-controls';
import { FlameView } from '../shared/flame/flame-view';
import { shortLocation } from '../shared/profile-format';
import { changeColour, compareRows, deltaCell, deltaHeading, frameLines, nextCompareSort, normalisationLine, relativeCell, runsLine, sideCell, verdictCell, visibleCompareRows, type CompareRow, type CompareSortKey } from './rows';

type Show = Extract<ToWebview, { type: 'show' }>;
type State = TableState<CompareSortKey>;

const vscode = vscodeApi<FromWebview, State>();
const state: State = vscode.getState() ?? { myCodeOnly: true, sort: { key: 'delta', dir: 'desc' } };
let current: Show | undefined;
let rows: CompareRow[] = [];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const title = $<HTMLHeadingElement>('title');
const runs = $<HTMLParagraphElement>('runs');
const norm = $<HTMLParagraphElement>('norm');
const myCode = $<HTMLInputElement>('my-code');
const tbody = $<HTMLTableSectionElement>('rows');
const empty = $<HTMLParagraphElement>('empty');
const deltaHead = $<HTMLTableCellElement>('delta-head');

const flameData = (): DiffFlameData | undefined => current?.flame;
const flame = new FlameView($('flame-scroller'), $('flame-spacer'), $<HTMLCanvasElement>('flame'), $('tooltip'), {
  onOpen: (f) => vscode.postMessage({ type: 'open', ...f, preserveFocus: true }),
  colour: (i) => {
    const d = flameData()!;
    return changeColour(d.change[i], d.frames[d.frame[i]].kind);
  },
  describe: (i) => {
    const d = flameData()!;
    return frameLines(d.norm, { beforeSelfUs: d.beforeSelfUs[i], afterSelfUs: d.afterSelfUs[i], beforeTotalUs: d.beforeTotalUs[i], afterTotalUs: d.afterTotalUs[i] });
  },
});

function open(r: CompareRow): void {
  if (r.fn.file !== '' && r.fn.line > 0) vscode.postMessage({ type: 'open', file: r.fn.file, line: r.fn.line, column: Math.max(1, r.fn.column) });
}

function renderTable(): void {
  if (!current) return;
  const n = current.flame.norm;
  myCode.checked = state.myCodeOnly;
  for (const th of Array.from(document.querySelectorAll<HTMLElement>('th[data-key]'))) {
    th.setAttribute('aria-sort', th.dataset.key === state.sort.key ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
  }
  const shown = visibleCompareRows(rows, state.myCodeOnly, state.sort.key, state.sort.dir);
  tbody.replaceChildren(
    ...shown.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.verdict = r.verdict;
      if (isLocalFile(r.fn.file)) makeRowOpenable(tr, () => open(r));
      const where = cell(shortLocation(r.fn.file, r.fn.line), 'location');
      where.title = r.fn.file ? `${r.fn.file}:${r.fn.line}:${r.fn.column}` : '';
      tr.append(
        cell(r.fn.functionName, 'name'),
        where,
        cell(sideCell(n, r, 'before'), 'num'),
        cell(sideCell(n, r, 'after'), 'num'),
        cell(deltaCell(n, r), 'num'),
        cell(relativeCell(r), 'num'),
        cell(verdictCell(r), `verdict ${r.verdict}`),
      );
      return tr;
    }),
  );
  empty.hidden = shown.length > 0;
}

function show(message: Show): void {
  current = message;
  rows = compareRows(message.functions, message.flame.norm);
  title.textContent = message.title;
  document.title = message.title;
  runs.textContent = runsLine(message.before, message.after);
  norm.textContent = normalisationLine(message.flame.norm);
  deltaHead.textContent = deltaHeading(message.flame.norm);
  renderTable();
  flame.show(message.flame);
  runSearch();
}

const { runSearch } = wireTableControls({ state, save: (st) => vscode.setState(st), nextSort: nextCompareSort, renderTable, flame });

onHostMessage<ToWebview>((message) => {
  if (message.type === 'show') show(message);
});
vscode.postMessage({ type: 'ready' });
