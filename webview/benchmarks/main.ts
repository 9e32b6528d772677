/**
 * The Benchmarks view's page: the files with Run buttons, Run all / Cancel and progress, the baseline
 * picker and "Save as baseline…", the results table (click a row → its history; click its name → the
 * `bench(` line; ▶ runs one benchmark; a scaling line below each `bench.sizes` group; over-budget rows
 * marked), the current-vs-baseline chart and the history chart. Talks to src/extension/bench/benchmarks-view.ts through src/protocol/benchmarks.ts:
 * says `ready`, receives `state` (whole), posts actions.
 */
import './benchmarks.css';
import type { BenchViewState, FromWebview, ToWebview } from '../../src/protocol/benchmarks';
import { onHostMessage, vscodeApi } from '../shared/vscode-api';
import { cell } from '../shared/table-controls';
import { ChartView } from './chart-view';
import { HistoryChartView } from './history-chart-view';
import { baselineNameProblem, benchRows, chartModel, historyChartModel, historyText, rowCells, scalingNotes } from './rows';
import { benchmarkKey, benchmarkLabel } from '../../src/core/bench/model';

const vscode = vscodeApi<FromWebview>();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const blocked = $<HTMLParagraphElement>('blocked');
const controls = $<HTMLDivElement>('controls');
const runAll = $<HTMLButtonElement>('run-all');
const cancel = $<HTMLButtonElement>('cancel');
const progress = $<HTMLParagraphElement>('progress');
const messages = $<HTMLUListElement>('messages');
const files = $<HTMLUListElement>('files');
const compareWith = $<HTMLSelectElement>('compare-with');
const saveForm = $<HTMLFormElement>('save-form');
const baselineName = $<HTMLInputElement>('baseline-name');
const nameProblem = $<HTMLParagraphElement>('name-problem');
const resultsSection = $<HTMLElement>('results-section');
const tbody = $<HTMLTableSectionElement>('rows');
const chart = new ChartView($<HTMLCanvasElement>('chart'));
const historySection = $<HTMLElement>('history-section');
const historyName = $<HTMLSpanElement>('history-name');
const historyNote = $<HTMLParagraphElement>('history-note');
const historyCanvas = $<HTMLCanvasElement>('history-chart');
const historyChart = new HistoryChartView(historyCanvas);
let state: BenchViewState | undefined;

function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary small';
  b.textContent = text;
  b.title = title;
  b.disabled = state?.running !== null;
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

function render(s: BenchViewState): void {
  state = s;
  blocked.hidden = s.blocked === null;
  blocked.textContent = s.blocked ?? '';
  controls.hidden = s.blocked !== null;
  const busy = s.running !== null;
  runAll.disabled = busy || s.files.length === 0;
  cancel.hidden = !busy;
  progress.hidden = !busy;
  progress.textContent = s.running ?? '';
  messages.replaceChildren(
    ...[...s.messages, ...s.historySkipped.map((text) => ({ kind: 'error' as const, text }))].map((m) => {
      const li = document.createElement('li');
      li.className = m.kind;
      li.textContent = m.text;
      return li;
    }),
  );
  files.replaceChildren(
    ...s.files.map((f) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'file';
      name.textContent = f.file;
      name.title = f.names.length ? f.names.join('\n') : '';
      const count = document.createElement('span');
      count.className = 'muted';
      count.textContent = f.names.length ? ` ${f.names.length} bench${f.names.length === 1 ? '' : 'es'}` : '';
      li.append(button('▶', `Run ${f.file}`, () => vscode.postMessage({ type: 'runFile', file: f.file })), ' ', name, count);
      return li;
    }),
  );
  compareWith.replaceChildren(new Option('(none)', ''), ...s.baselines.map((b) => new Option(b, b)));
  compareWith.value = s.compareWith ?? '';
  compareWith.disabled = busy;
  (saveForm.querySelector('button') as HTMLButtonElement).disabled = busy || s.results.length === 0;

  const rows = benchRows(s);
  const notes = scalingNotes(rows, s.scaling);
  const selected = s.history ? benchmarkKey(s.history.benchmark) : null;
  resultsSection.hidden = rows.length === 0;
  tbody.replaceChildren(
    ...rows.flatMap((r) => {
      const tr = document.createElement('tr');
      tr.dataset.verdict = r.verdict ?? '';
      tr.dataset.name = r.name;
      tr.dataset.budget = r.overBudget.length ? 'over' : '';
      if (r.key === selected) tr.dataset.selected = 'true';
      // The row picks the history's benchmark; its name opens the source.
      const select = () => vscode.postMessage(r.size === undefined ? { type: 'select', file: r.file, name: r.name } : { type: 'select', file: r.file, name: r.name, size: r.size });
      tr.tabIndex = 0;
      tr.title = 'Show its history';
      tr.addEventListener('click', select);
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && e.target === tr) select();
      });
      const c = rowCells(r);
      const name = cell(r.label, 'name');
      name.title = r.name;
      if (r.line !== undefined) {
        const open = () => vscode.postMessage({ type: 'open', file: r.file, line: r.line! });
        name.classList.add('link');
        name.tabIndex = 0;
        name.title = `${r.name}\nOpen its bench( line`;
        name.addEventListener('click', (e) => {
          e.stopPropagation();
          open();
        });
        name.addEventListener('keydown', (e) => {
          if (e.key !== 'Enter') return;
          e.stopPropagation();
          open();
        });
      }
      const budget = cell(r.overBudget.length ? 'over' : '', 'budget');
      budget.title = r.overBudget.join('\n');
      tr.append(
        name,
        cell(r.file, 'location'),
        cell(c.size, 'num'),
        cell(c.mean, 'num'),
        cell(c.ci, 'num'),
        cell(c.rsd, 'num'),
        cell(c.ops, 'num'),
        memoryCell(c.memory, c.memoryTitle),
        cell(c.ratio, 'num ratio'),
        cell(c.ratioCi, 'num'),
        cell(c.verdict, `verdict ${r.verdict ?? ''}`),
        budget,
      );
      const run = document.createElement('td');
      if (r.summary) run.append(button('▶', `Run only "${r.name}"`, () => vscode.postMessage({ type: 'runBenchmark', file: r.file, name: r.name })));
      tr.append(run);
      const note = notes.get(r.key);
      if (note === undefined) return [tr];
      const scaling = document.createElement('tr');
      scaling.className = 'scaling';
      const td = cell('', 'scaling');
      const text = document.createElement('span');
      text.textContent = note;
      td.append(text);
      td.colSpan = 13;
      scaling.append(td);
      return [tr, scaling];
    }),
  );
  chart.show(chartModel(s));
  renderHistory(s, rows);
}

function renderHistory(s: BenchViewState, rows: ReturnType<typeof benchRows>): void {
  const model = historyChartModel(s.history);
  historySection.hidden = s.history === null;
  if (!s.history) return historyChart.show(null, null);
  const key = benchmarkKey(s.history.benchmark);
  historyName.textContent = benchmarkLabel(s.history.benchmark);
  historyName.title = s.history.benchmark.file;
  const none = !model || model.saved === 0;
  historyNote.hidden = !none;
  historyNote.textContent = none ? 'No saved baseline has this benchmark yet: save one to start its history.' : '';
  historyChart.show(none ? null : model, rows.find((r) => r.key === key)?.verdict ?? null);
  if (!none) historyCanvas.setAttribute('aria-label', `History of ${historyText(benchmarkLabel(s.history.benchmark), model)}`);
}

runAll.addEventListener('click', () => vscode.postMessage({ type: 'runAll' }));
cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
$<HTMLButtonElement>('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
compareWith.addEventListener('change', () => vscode.postMessage({ type: 'compareWith', name: compareWith.value === '' ? null : compareWith.value }));
baselineName.addEventListener('input', () => {
  const problem = baselineName.value === '' ? null : baselineNameProblem(baselineName.value);
  nameProblem.hidden = problem === null;
  nameProblem.textContent = problem ?? '';
});
saveForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const problem = baselineNameProblem(baselineName.value);
  nameProblem.hidden = problem === null;
  nameProblem.textContent = problem ?? '';
  if (problem === null) vscode.postMessage({ type: 'saveBaseline', name: baselineName.value });
});

onHostMessage<ToWebview>((message) => {
  if (message.type === 'state') render(message.state);
});
vscode.postMessage({ type: 'ready' });

/** Bytes per operation; its title compares with the baseline's when both were measured. */
function memoryCell(text: string, title: string): HTMLTableCellElement {
  const td = cell(text, 'num');
  if (title) td.title = title;
  return td;
}
