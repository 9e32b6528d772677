/**
 * The Benchmarks view's history chart: one benchmark's mean with 95% CI error bars in every saved
 * baseline, then the current run (Chart.js line chart with the error-bar point element of
 * chartjs-chart-error-bars; only what is registered below is bundled). Same theme colours as the bar
 * chart (theme-colours.ts), redrawn when the body's theme class changes; animations off.
 */
import { CategoryScale, Chart, LinearScale, LineElement, Tooltip } from 'chart.js';
import { LineWithErrorBarsController, PointWithErrorBar } from 'chartjs-chart-error-bars';
import type { HistoryChartModel } from './rows';
import { barColour, type ChartPalette } from './theme-colours';
import { STILL_AND_FITTED, ThemedChart, errorBarStyle } from './themed-chart';

Chart.register(LineWithErrorBarsController, PointWithErrorBar, LineElement, CategoryScale, LinearScale, Tooltip);

export class HistoryChartView extends ThemedChart<HistoryChartModel> {
  private verdict: string | null = null;

  /** `verdict`: the benchmark's verdict against the compared baseline (colours the current point). */
  show(model: HistoryChartModel | null, verdict: string | null): void {
    this.verdict = verdict;
    this.setModel(model);
  }

  protected build(m: HistoryChartModel, p: ChartPalette): Chart {
    const width = p.highContrast ? 2 : 1;
    const currentColour = barColour(p, this.verdict);
    // One dataset, index-aligned with the labels (the error-bar controller takes a category point's x from
    // its index); the current run's point is told apart by colour and size through scriptable options.
    const isCurrent = (ctx: { type: string; dataIndex?: number }) => ctx.type === 'data' && ctx.dataIndex === m.current;
    return new Chart(this.canvas, {
      type: 'lineWithErrorBars',
      data: {
        labels: m.labels,
        datasets: [
          {
            label: 'mean (95% CI)',
            data: m.points.map((pt) => ({ y: pt.y, yMin: pt.yMin, yMax: pt.yMax })),
            borderColor: (ctx) => (isCurrent(ctx) ? currentColour : p.baseline),
            backgroundColor: (ctx) => (isCurrent(ctx) ? currentColour : p.baseline),
            borderWidth: width,
            pointRadius: (ctx) => (isCurrent(ctx) ? 5 : 4),
            ...errorBarStyle(p),
          },
        ],
      },
      options: {
        ...STILL_AND_FITTED,
        plugins: {
          legend: { display: false },
          tooltip: { enabled: true, callbacks: { title: (items) => m.details[items[0]?.dataIndex ?? 0] ?? '' } },
        },
        scales: {
          x: { ticks: { color: p.text, maxRotation: 60, autoSkip: true }, grid: { color: p.grid } },
          y: { beginAtZero: true, title: { display: true, text: m.yTitle, color: p.text }, ticks: { color: p.text }, grid: { color: p.grid } },
        },
      },
    });
  }
}
