/**
 * *Pure* parts of the "Profile" CodeLens: which functions get a lens, what it says after a profile
 * (`Profile · last: self 4.2 ms (17%) · total 12 ms (48%) · 1,200 calls`), and the target a lens hands to
 * "Profile Function". Tested in plain Node; profile-lens-provider.ts turns the result into `vscode.CodeLens`es.
 */
import type { CallableFunction } from '../../core/profile/callable-functions';
import type { Hotspot } from '../../core/profile/hotspots';
import type { SourceFunction } from '../../core/profile/source-functions';
import { formatMsShort, groupDigits, percentFigure } from '../../core/format/numbers';
import { functionAtCursor } from './profile-function-model';

/** What a lens passes to `perfLens.profileFunction`: the file, the export name, its 1-based line. */
export interface ProfileTargetArg {
  uri: string;
  name: string;
  line: number;
}

export interface LensSpec {
  /** 1-based line the lens sits above. */
  line: number;
  title: string;
  tooltip: string;
  /** Absent: the lens only reports the last profile (the harness cannot call that function). */
  target?: ProfileTargetArg;
}

/** The function "Profile Function" calls: its name for people and its name for the harness. */
export interface ChosenFunction {
  name: string;
  exportName: string;
  line: number;
}

const isNamed = (name: string) => name !== '' && name !== '(anonymous)' && !name.endsWith('.(anonymous)');
const isWordChar = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);

/** Whether `text` holds `name` as a whole identifier (`report` in `function report(`, not in `reports`). */
export function namesWord(text: string, name: string): boolean {
  if (name === '') return false;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + name.length])) return true;
  }
  return false;
}
const lastSegment = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** `self 4.2 ms (17%) · total 12 ms (48%)`, then `· 1,200 calls` when the calls were counted. */
export function lastTimeLabel(h: Pick<Hotspot, 'selfMs' | 'selfPercent' | 'totalMs' | 'totalPercent' | 'calls'>): string {
  const pct = (p: number) => percentFigure(p, true);
  const calls = h.calls === null ? '' : ` · ${groupDigits(h.calls)} call${h.calls === 1 ? '' : 's'}`;
  return `self ${formatMsShort(h.selfMs)} ms (${pct(h.selfPercent)}%) · total ${formatMsShort(h.totalMs)} ms (${pct(h.totalPercent)}%)${calls}`;
}

/**
 * The hot spot of a source function among one file's hot spots: the one placed where the function
 * starts (hot spots take the source's position when the source is at hand), else the one on its line
 * with its name (V8 names a method `total` where the source says `Orders.total`).
 */
export function hotspotOf(fn: Pick<SourceFunction, 'name' | 'line' | 'column'>, fileHotspots: readonly Hotspot[]): Hotspot | undefined {
  const onLine = fileHotspots.filter((h) => h.line === fn.line);
  return onLine.find((h) => h.column === fn.column) ?? onLine.find((h) => lastSegment(h.functionName) === lastSegment(fn.name));
}

/**
 * The lenses of one file: "Profile" above each function the harness can call (with the last profile's
 * times when it has some), and the last times alone above the file's other named functions that had
 * samples. Those are placed at their hot spot's line, kept only while that line (`lineText`, 1-based)
 * still names the function: after an edit moved it, no lens beats a lens above the wrong code. Anonymous
 * callbacks get none: their time shows in hot lines and in their function's total.
 */
export function profileLenses(o: {
  uri: string;
  file: string;
  callable: readonly CallableFunction[];
  hotspots?: readonly Hotspot[];
  lineText: (line: number) => string | undefined;
}): LensSpec[] {
  const mine = (o.hotspots ?? []).filter((h) => h.file === o.file);
  const out: LensSpec[] = [];
  const used = new Set<Hotspot>();
  for (const c of o.callable) {
    const h = hotspotOf(c, mine);
    if (h) used.add(h);
    out.push({
      line: c.line,
      title: h ? `Profile · last: ${lastTimeLabel(h)}` : 'Profile',
      tooltip: `${h ? `Last profile of this file's code: ${c.name} ${lastTimeLabel(h)}. ` : ''}Click to call ${c.name} over and over under the CPU profiler (Perf Lens: Profile Function).`,
      target: { uri: o.uri, name: c.exportName, line: c.line },
    });
  }
  const taken = new Set(out.map((l) => l.line));
  // Biggest total first, so a line holding two functions shows the outer one.
  for (const h of [...mine].sort((a, b) => b.totalMs - a.totalMs)) {
    if (used.has(h) || !isNamed(h.functionName) || taken.has(h.line)) continue;
    const text = o.lineText(h.line);
    if (text === undefined || !namesWord(text, lastSegment(h.functionName))) continue;
    taken.add(h.line);
    out.push({
      line: h.line,
      title: `last profile: ${lastTimeLabel(h)}`,
      tooltip: `Last profile: ${h.functionName} ${lastTimeLabel(h)}. It is not exported, so profile a function that calls it.`,
    });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** A lens's argument, checked (any extension can run the command with anything); else one sentence. */
export function parseProfileTarget(arg: unknown): ProfileTargetArg | string {
  const bad = 'Perf Lens: Profile Function was given a target it cannot use; put the cursor in a function and run it from the Command Palette.';
  if (typeof arg !== 'object' || arg === null) return bad;
  const { uri, name, line } = arg as Record<string, unknown>;
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return bad;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 500) return bad;
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return bad;
  return { uri, name, line };
}

/** The function a lens asked for, in the file as it is now: same export at the same line, else the same export. */
export function chooseTarget(callable: readonly CallableFunction[], target: ProfileTargetArg): ChosenFunction | undefined {
  const named = callable.filter((c) => c.exportName === target.name);
  const c = named.find((x) => x.line === target.line) ?? named[0];
  return c && { name: c.name, exportName: c.exportName, line: c.line };
}

/**
 * The function at a cursor on `line` (1-based): the innermost one the harness can call, else the
 * innermost named one (the harness then names the exports it did find, in one sentence).
 */
export function chooseAtCursor(callable: readonly CallableFunction[], functions: readonly SourceFunction[], line: number): ChosenFunction | undefined {
  const around = callable.filter((c) => c.line <= line && line <= c.endLine).sort((a, b) => a.endLine - a.line - (b.endLine - b.line));
  if (around[0]) return { name: around[0].name, exportName: around[0].exportName, line: around[0].line };
  const fn = functionAtCursor(functions, line);
  return fn && { name: fn.name, exportName: fn.name, line: fn.line };
}
