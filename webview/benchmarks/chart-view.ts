/**
 * The Benchmarks view's chart: Chart.js (bundled, tree-shaken: only what is registered below) with the
 * error-bar bar controller of chartjs-chart-error-bars. Colours come from the theme (theme-colours.ts) and
 * are re-read when the body's theme class changes. Chart.js sets the canvas size through `element.style`
 * (allowed by the CSP) and needs no eval. Animations off: results appear at once, and the e2e test sees them.
 */
import { CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { shortLabel, type ChartModel } from './rows';
import { barColour, type ChartPalette } from './theme-colours';
import { STILL_AND_FITTED, ThemedChart, errorBarStyle } from './themed-chart';

Chart.register(BarWithErrorBarsController, BarWithErrorBar, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);

export class ChartView extends ThemedChart<ChartModel> {
  show(model: ChartModel | null): void {
    this.setModel(model);
  }

  protected build(m: ChartModel, p: ChartPalette, style: CSSStyleDeclaration): Chart {
    Chart.defaults.color = p.text;
    Chart.defaults.font.family = style.getPropertyValue('--vscode-font-family') || Chart.defaults.font.family;
    // Horizontal bars: a side view is narrow and benchmark names are long; one row per benchmark.
    this.canvas.parentElement!.style.height = `${chartHeight(m.labels.length, m.series.length)}px`;
    return new Chart(this.canvas, {
      type: 'barWithErrorBars',
      data: {
        labels: m.labels.map(shortLabel),
        datasets: m.series.map((s) => ({
          label: s.label,
          data: s.points.map((pt) => ({ x: pt.y, xMin: pt.yMin, xMax: pt.yMax })),
          backgroundColor: s.role === 'baseline' ? p.baseline : m.verdicts.map((v) => barColour(p, v)),
          borderColor: p.text,
          borderWidth: p.highContrast ? 1 : 0,
          ...errorBarStyle(p),
        })),
      },
      options: {
        ...STILL_AND_FITTED,
        indexAxis: 'y',
        plugins: {
          legend: { display: m.series.length > 1, labels: { color: p.text } },
          tooltip: { enabled: true, callbacks: { title: (items) => m.labels[items[0]?.dataIndex ?? 0] ?? '' } },
        },
        scales: {
          y: { ticks: { color: p.text, autoSkip: false }, grid: { color: p.grid } },
          x: {
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

/** Room for every benchmark's bars (the canvas cannot scroll): the axis and legend, then a row per benchmark. */
function chartHeight(labels: number, series: number): number {
  return 80 + labels * (series > 1 ? 30 : 20);
}
