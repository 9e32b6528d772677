/**
 * The table and flame-graph controls the Hot Spots and Compare pages share (the markup is
 * src/core/report/hotspots-page.ts's `flameSection` and each page's table): the "My code only" box,
 * sortable column heads (click, Enter or Space), the flame search with its count, Reset zoom and Escape.
 * The page keeps its own state and rendering; this only wires the elements to them.
 */

export type SortDir = 'asc' | 'desc';

export interface TableState<K extends string> {
  myCodeOnly: boolean;
  sort: { key: K; dir: SortDir };
}

export interface TableControls<K extends string> {
  /** The page's state, changed in place, then handed to `save` (vscode.setState). */
  state: TableState<K>;
  save(state: TableState<K>): void;
  /** The sort after a click on the column `clicked` (the page's rows.ts). */
  nextSort(current: { key: K; dir: SortDir }, clicked: K): { key: K; dir: SortDir };
  renderTable(): void;
  flame: { search(query: string): number; resetZoom(): void };
}

/** A table cell with `text` as text (never markup). */
export function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** True for an absolute path of a local file: the only rows (and frames) the host will open. */
export const isLocalFile = (file: string): boolean => file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);

/** Makes a row focusable and opens it on click or Enter. */
export function makeRowOpenable(tr: HTMLTableRowElement, open: () => void): void {
  tr.tabIndex = 0;
  tr.className = 'openable';
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') open();
  });
}

/** Adds the listeners; returns `runSearch`, which the page calls again after showing new data. */
export function wireTableControls<K extends string>(c: TableControls<K>): { runSearch(): void } {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const myCode = $<HTMLInputElement>('my-code');
  const search = $<HTMLInputElement>('search');
  const searchCount = $<HTMLSpanElement>('search-count');
  const reset = $<HTMLButtonElement>('reset-zoom');

  function runSearch(): void {
    const n = c.flame.search(search.value);
    searchCount.textContent = search.value.trim() === '' ? '' : `${n} frame${n === 1 ? '' : 's'}`;
  }

  myCode.addEventListener('change', () => {
    c.state.myCodeOnly = myCode.checked;
    c.save(c.state);
    c.renderTable();
  });
  for (const th of Array.from(document.querySelectorAll<HTMLElement>('th[data-key]'))) {
    const sortBy = () => {
      c.state.sort = c.nextSort(c.state.sort, th.dataset.key as K);
      c.save(c.state);
      c.renderTable();
    };
    th.addEventListener('click', sortBy);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') sortBy();
    });
  }
  search.addEventListener('input', runSearch);
  reset.addEventListener('click', () => c.flame.resetZoom());
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (document.activeElement === search && search.value !== '') {
      search.value = '';
      runSearch();
    } else {
      c.flame.resetZoom();
    }
  });
  return { runSearch };
}
