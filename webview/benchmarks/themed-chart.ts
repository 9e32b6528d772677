/**
 * What both charts of the Benchmarks view share: a Chart.js chart rebuilt from its model whenever the model
 * changes or the body's theme class does (light, dark, high contrast: the colours are re-read from the
 * theme's variables), hidden while there is nothing to draw. Subclasses say how a model becomes a chart.
 */
import type { Chart } from 'chart.js';
import { chartPalette, type ChartPalette } from './theme-colours';

export abstract class ThemedChart<M> {
  private chart: Chart | undefined;
  private model: M | null = null;

  constructor(protected readonly canvas: HTMLCanvasElement) {
    new MutationObserver(() => this.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  protected setModel(model: M | null): void {
    this.model = model;
    this.draw();
  }

  /** A new chart on `this.canvas` for `model`, in the palette's colours. */
  protected abstract build(model: M, palette: ChartPalette, style: CSSStyleDeclaration): Chart;

  private draw(): void {
    this.chart?.destroy();
    this.chart = undefined;
    const m = this.model;
    this.canvas.parentElement!.hidden = m === null;
    if (m === null) return;
    const style = getComputedStyle(document.body);
    this.chart = this.build(m, chartPalette((name) => style.getPropertyValue(name), Array.from(document.body.classList)), style);
  }
}

/** The error bars of both charts: in the theme's text colour, thicker in high contrast. */
export function errorBarStyle(p: ChartPalette) {
  const width = p.highContrast ? 2 : 1;
  return { errorBarColor: p.text, errorBarWhiskerColor: p.text, errorBarLineWidth: width, errorBarWhiskerLineWidth: width };
}

/** Options both charts share: drawn at once (results appear whole; the e2e test sees them), sized by their container. */
export const STILL_AND_FITTED = { animation: false, responsive: true, maintainAspectRatio: false } as const;
