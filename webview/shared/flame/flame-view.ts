/**
 * The flame graph on a <canvas>: root on top, callees below, width = share of the focused subtree's
 * time. Click a frame to zoom into it (and open its source), Escape or "Reset zoom" to zoom out, hover
 * for a tooltip, and a search that highlights matching frames. Only the rows in the scrolled viewport are
 * drawn, so deep profiles stay cheap.
 */
import { layoutFlame, matchingFrames, nodeAt, type FlameData, type FlameLayout } from '../../../src/core/profile/flame';
import { formatMs as ms, formatPercent as pct } from '../../../src/core/format/numbers';
import { shortLocation } from '../profile-format';

const ROW = 18;

export interface FlameViewOptions {
  /** A frame was clicked (after zooming into it). */
  onOpen(frame: { file: string; line: number; column: number }): void;
  /** The fill of node i (default: a warm hue per function by kind of code); the compare view colours by change. */
  colour?(node: number): string;
  /** The tooltip's lines under the name and location (default: total and self ms and % of the profile). */
  describe?(node: number): string[];
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** A stable hue per function name, so a function keeps its colour across zooms. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class FlameView {
  private data: FlameData | undefined;
  private layout: FlameLayout | undefined;
  private focus = 0;
  private matches = new Set<number>();
  private hover: number | undefined;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly spacer: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private readonly options: FlameViewOptions,
  ) {
    this.ctx = canvas.getContext('2d')!;
    scroller.addEventListener('scroll', () => this.draw());
    new ResizeObserver(() => this.relayout()).observe(scroller);
    canvas.addEventListener('mousemove', (e) => this.onMove(e));
    canvas.addEventListener('mouseleave', () => this.setHover(undefined));
    canvas.addEventListener('click', (e) => this.onClick(e));
  }

  show(data: FlameData): void {
    this.data = data;
    this.focus = 0;
    this.relayout();
  }

  search(query: string): number {
    this.matches = this.data ? matchingFrames(this.data, query) : new Set();
    this.draw();
    if (!this.data || this.matches.size === 0) return 0;
    let n = 0;
    for (const f of this.data.frame) if (this.matches.has(f)) n++;
    return n;
  }

  zoom(node: number): void {
    this.focus = node;
    this.relayout();
  }

  resetZoom(): void {
    this.zoom(0);
  }

  get zoomed(): boolean {
    return this.focus !== 0;
  }

  private relayout(): void {
    if (!this.data) return;
    // The focused frame's name, for tests and assistive technology (a canvas has no text of its own).
    const focused = this.data.frames[this.data.frame[this.focus]]?.name ?? '';
    this.canvas.dataset.focus = focused;
    this.canvas.setAttribute('aria-label', `Flame graph, showing ${focused}`);
    const width = Math.max(1, this.scroller.clientWidth);
    // Narrower than a third of a pixel: not drawn, nor its subtree.
    this.layout = layoutFlame(this.data, this.focus, 0.3 / width);
    this.draw();
  }

  private draw(): void {
    const { data, layout } = this;
    if (!data || !layout) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, this.scroller.clientWidth);
    const h = Math.max(ROW, Math.min(this.scroller.clientHeight, (layout.maxDepth + 1) * ROW));
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    // The canvas sticks to the top of the scroller; the spacer below it makes up the graph's full height.
    this.spacer.style.height = `${Math.max(0, (layout.maxDepth + 1) * ROW - h)}px`;
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const top = this.scroller.scrollTop;
    const firstRow = Math.floor(top / ROW);
    const lastRow = Math.ceil((top + h) / ROW);
    const fg = cssVar('--vscode-editor-foreground', '#ccc');
    const font = cssVar('--vscode-font-family', 'sans-serif');
    const highlight = cssVar('--vscode-editor-findMatchBorder', '#f5c518');
    const searching = this.matches.size > 0;
    ctx.font = `11px ${font}`;
    ctx.textBaseline = 'middle';
    for (let i = 0; i < data.frame.length; i++) {
      const fw = layout.width[i];
      if (fw <= 0) continue;
      const row = layout.depth[i];
      if (row < firstRow || row > lastRow) continue;
      const x = layout.x[i] * w;
      const y = row * ROW - top;
      const bw = Math.max(0.5, fw * w - 1);
      const frame = data.frames[data.frame[i]];
      const hit = this.matches.has(data.frame[i]);
      ctx.globalAlpha = searching && !hit ? 0.35 : 1;
      ctx.fillStyle = this.options.colour ? this.options.colour(i) : this.colour(frame.kind, frame.name);
      ctx.fillRect(x, y, bw, ROW - 1);
      if (hit) {
        ctx.strokeStyle = highlight;
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, y + 1, Math.max(0, bw - 2), ROW - 3);
      }
      if (i === this.hover) {
        ctx.strokeStyle = fg;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, Math.max(0, bw - 1), ROW - 2);
      }
      if (bw > 30) {
        ctx.fillStyle = '#111';
        const label = this.fit(frame.name, bw - 6);
        if (label) ctx.fillText(label, x + 3, y + ROW / 2);
      }
    }
    ctx.globalAlpha = 1;
  }

  private colour(kind: string, name: string): string {
    const h = hash(name);
    switch (kind) {
      case 'user':
        return `hsl(${20 + (h % 30)}, 85%, ${58 + (h % 12)}%)`;
      case 'module':
        return `hsl(${190 + (h % 30)}, 55%, ${62 + (h % 10)}%)`;
      case 'node':
        return `hsl(${90 + (h % 30)}, 40%, ${60 + (h % 10)}%)`;
      default:
        return `hsl(0, 0%, ${66 + (h % 10)}%)`;
    }
  }

  private fit(text: string, width: number): string {
    const ctx = this.ctx;
    if (ctx.measureText(text).width <= width) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
      else hi = mid - 1;
    }
    return lo > 0 ? `${text.slice(0, lo)}…` : '';
  }

  private nodeAtEvent(e: MouseEvent): number | undefined {
    if (!this.data || !this.layout) return undefined;
    const rect = this.canvas.getBoundingClientRect();
    const x = (e.clientX - rect.left) / rect.width;
    const row = Math.floor((e.clientY - rect.top + this.scroller.scrollTop) / ROW);
    return nodeAt(this.data, this.layout, x, row);
  }

  private onMove(e: MouseEvent): void {
    const node = this.nodeAtEvent(e);
    this.setHover(node);
    if (node === undefined || !this.data) return;
    const d = this.data;
    const frame = d.frames[d.frame[node]];
    const all = d.totalUs[0];
    const share = (us: number) => (all > 0 ? pct((100 * us) / all) : '');
    this.tooltip.replaceChildren();
    const name = document.createElement('div');
    name.className = 'tip-name';
    name.textContent = frame.name;
    const where = document.createElement('div');
    where.textContent = frame.file ? shortLocation(frame.file, frame.line) : '(no source)';
    where.title = frame.file;
    const lines = this.options.describe
      ? this.options.describe(node)
      : [`total ${ms(d.totalUs[node] / 1000)} ms (${share(d.totalUs[node])}) · self ${ms(d.selfUs[node] / 1000)} ms (${share(d.selfUs[node])})`];
    const times = lines.map((text) => {
      const div = document.createElement('div');
      div.textContent = text;
      return div;
    });
    this.tooltip.append(name, where, ...times);
    this.tooltip.hidden = false;
    const host = this.scroller.getBoundingClientRect();
    const left = Math.min(e.clientX - host.left + 12, host.width - this.tooltip.offsetWidth - 4);
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${e.clientY - host.top + 14}px`;
  }

  private setHover(node: number | undefined): void {
    if (node === undefined) this.tooltip.hidden = true;
    if (node === this.hover) return;
    this.hover = node;
    this.canvas.style.cursor = node === undefined ? 'default' : 'pointer';
    this.draw();
  }

  private onClick(e: MouseEvent): void {
    const node = this.nodeAtEvent(e);
    if (node === undefined || !this.data) return;
    this.zoom(node);
    const frame = this.data.frames[this.data.frame[node]];
    if (frame.file && frame.line > 0) this.options.onOpen({ file: frame.file, line: frame.line, column: Math.max(1, frame.column) });
  }
}
