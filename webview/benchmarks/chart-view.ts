/**
 * The Benchmarks view's chart: Chart.js (bundled, tree-shaken: only what is registered below) with the
 * error-bar bar controller of chartjs-chart-error-bars. Colours come from the theme (theme-colours.ts) and
 * are re-read when the body's theme class changes. Chart.js sets the canvas size through `element.style`
 * (allowed by the CSP) and needs no eval. Animations off: results appear at once, and the e2e test sees them.
 */
import { CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import type { ChartModel } from './rows';
import { barColour, chartPalette } from './theme-colours';

Chart.register(BarWithErrorBarsController, BarWithErrorBar, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);

export class ChartView {
  private chart: Chart | undefined;
  private model: ChartModel | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    new MutationObserver(() => this.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  show(model: ChartModel | null): void {
    this.model = model;
    this.draw();
  }

  private draw(): void {
    this.chart?.destroy();
    this.chart = undefined;
    const m = this.model;
    this.canvas.parentElement!.hidden = m === null;
    if (!m) return;
    const style = getComputedStyle(document.body);
    const p = chartPalette((name) => style.getPropertyValue(name), Array.from(document.body.classList));
    Chart.defaults.color = p.text;
    Chart.defaults.font.family = style.getPropertyValue('--vscode-font-family') || Chart.defaults.font.family;
    const width = p.highContrast ? 2 : 1;
    this.chart = new Chart(this.canvas, {
      type: 'barWithErrorBars',
      data: {
        labels: m.labels,
        datasets: m.series.map((s) => ({
          label: s.label,
          data: s.points,
          backgroundColor: s.role === 'baseline' ? p.baseline : m.verdicts.map((v) => barColour(p, v)),
          borderColor: p.text,
          borderWidth: p.highContrast ? 1 : 0,
          errorBarColor: p.text,
          errorBarWhiskerColor: p.text,
          errorBarLineWidth: width,
          errorBarWhiskerLineWidth: width,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: 'x',
        plugins: { legend: { display: m.series.length > 1 }, tooltip: { enabled: true } },
        scales: {
          x: { ticks: { color: p.text, autoSkip: false, maxRotation: 60 }, grid: { color: p.grid } },
          y: {
            type: m.mode === 'absolute' ? 'logarithmic' : 'linear',
            beginAtZero: m.mode === 'relative',
            title: { display: true, text: m.yTitle, color: p.text },
            ticks: { color: p.text },
            grid: { color: p.grid },
          },
        },
      },
    });
  }
}
