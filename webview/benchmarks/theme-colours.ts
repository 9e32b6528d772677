/**
 * *Pure*: the chart's colours from the VS Code theme's CSS variables (`--vscode-charts-*`, foreground,
 * borders), so the chart follows light, dark and high-contrast themes. `read` is a variable lookup
 * (getComputedStyle in the page); a missing variable falls back to a neutral default.
 */
export interface ChartPalette {
  current: string;
  baseline: string;
  slower: string;
  faster: string;
  text: string;
  grid: string;
  /** High contrast: thicker error bars and outlines. */
  highContrast: boolean;
}

export function chartPalette(read: (cssVariable: string) => string, bodyClasses: readonly string[]): ChartPalette {
  const v = (name: string, fallback: string) => read(name).trim() || fallback;
  const highContrast = bodyClasses.some((c) => c.startsWith('vscode-high-contrast'));
  return {
    current: v('--vscode-charts-blue', '#3794ff'),
    baseline: v('--vscode-charts-foreground', v('--vscode-descriptionForeground', '#888888')),
    slower: v('--vscode-charts-red', '#f14c4c'),
    faster: v('--vscode-charts-green', '#89d185'),
    text: v('--vscode-foreground', '#cccccc'),
    grid: v('--vscode-charts-lines', v('--vscode-widget-border', '#80808059')),
    highContrast,
  };
}

/** The fill of a current bar: the verdict's colour for a real change, else the current series' colour. */
export function barColour(p: ChartPalette, verdict: string | null): string {
  return verdict === 'slower' ? p.slower : verdict === 'faster' ? p.faster : p.current;
}
