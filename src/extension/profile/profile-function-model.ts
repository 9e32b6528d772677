/**
 * *Pure* parts of "Profile Function": which function the cursor is in, the arguments box (a JavaScript array expression,
 * remembered per function), and the labels of hot lines. Tested in plain Node.
 */
import type { SourceFunction } from '../../core/profile/source-functions';
import { formatMs, formatPercent, groupDigits, percentFigure } from '../../core/format/numbers';
import type { HotLine, Hotspot } from '../../core/profile/hotspots';

/** The files the runner can profile (.js .cjs .mjs .jsx .ts .cts .mts .tsx). */
export const PROFILABLE_FILE = /\.((c|m)?(j|t)s|tsx|jsx)$/i;

/**
 * The function to call for a cursor on `line` (1-based): the innermost named function around it, so a
 * cursor in a callback inside `report()` profiles `report`. Undefined when no named function encloses it.
 */
export function functionAtCursor(functions: readonly SourceFunction[], line: number): SourceFunction | undefined {
  const around = functions.filter((f) => f.line <= line && line <= f.endLine && f.name !== '(anonymous)' && !f.name.endsWith('.(anonymous)'));
  around.sort((a, b) => a.endLine - a.line - (b.endLine - b.line));
  return around[0];
}

/**
 * Undefined when `text` parses as a JavaScript expression (it is compiled, never run, here), else the
 * reason in one sentence, shown under the input box. Whether it gives an array is known only when the
 * profiler evaluates it in the module's scope.
 */
export function validateArgs(text: string): string | undefined {
  if (text.trim() === '') return 'Type the arguments as an array, e.g. [1000] or [makeOrders(10_000)] (or [] for none).';
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, no-new-func
    new Function(`return (${text}\n);`);
  } catch (e) {
    return `Not a JavaScript expression: ${(e as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

/** `.perf-lens/profile-args.json`: `{ "<relative file>#<function>": "<arguments expression>" }`. */
export type RememberedArgs = Record<string, string>;

export function argsKey(relativeFile: string, fn: string): string {
  return `${relativeFile.replace(/\\/g, '/')}#${fn}`;
}

/** Parses the remembered-arguments file; a damaged one is treated as empty (it is only a convenience). */
export function parseRememberedArgs(text: string | undefined): RememberedArgs {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** `4.2 ms · 17%` after a hot line. */
export function hotLineLabel(l: Pick<HotLine, 'selfMs' | 'selfPercent'>): string {
  return `${formatMs(l.selfMs)} ms · ${percentFigure(l.selfPercent)}%`;
}

/** The hot lines of one file worth marking: at least `minPercent` of the run, hottest first. */
export function hotLinesOf(lines: readonly HotLine[], file: string, minPercent = 0.5): HotLine[] {
  return lines.filter((l) => l.file === file && l.selfPercent >= minPercent).sort((a, b) => b.selfPercent - a.selfPercent);
}

/** Heat levels of the gutter mark (media/heat-<level>.svg): 3 from 20% of the run, 2 from 5%, else 1. */
export type HeatLevel = 1 | 2 | 3;
export const HEAT_LEVELS: readonly HeatLevel[] = [1, 2, 3];

export function heatLevel(selfPercent: number): HeatLevel {
  return selfPercent >= 20 ? 3 : selfPercent >= 5 ? 2 : 1;
}

/** One line for the summary notification; the hottest function's exact calls when they were counted. */
export function profileSummary(fn: string, calls: number, profiledMs: number, partial: boolean, top: Hotspot | undefined, note?: string): string {
  // `note`: the runner's sentence when the run is partial for a reason of its own (a function that never returned).
  const head = note ? `Perf Lens: ${note}` : `Perf Lens: ${fn} ran ${calls} time${calls === 1 ? '' : 's'} in ${(profiledMs / 1000).toFixed(1)} s${partial ? ' (stopped at the time limit)' : ''}`;
  if (!top) return `${head}; no samples in your code.`;
  const called = top.calls === null ? '' : `, called ${groupDigits(top.calls)} time${top.calls === 1 ? '' : 's'}`;
  return `${head}; hottest: ${top.functionName} (${formatPercent(top.selfPercent)} self)${called}.`;
}
