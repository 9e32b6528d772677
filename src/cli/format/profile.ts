/** Output of `perf-lens hotspots` and `perf-lens profile`: the public JSON shape, and a text table. */
import * as path from 'node:path';
import { formatPercent } from '../../core/format/numbers';
import type { HotspotReport } from '../../core/profile/hotspots';
import type { ProfileDiff } from '../../core/profile/diff';
import type { RuntimeConfirmationReport } from '../../runner/profile/confirm-findings';

export interface ProfileOutput {
  /** Path of the `.cpuprofile`. */
  profile: string;
  /** The run was stopped early (time limit): the profile covers only part of it. */
  partial: boolean;
  /** Why, when not simply the time limit ("interrupted", "hot did not return within the time limit"). */
  partialReason?: string;
  report: HotspotReport;
}

/**
 * The documented shape `{ profile, partial, durationMs, sampleCount, hotspots, hotLines }`, plus
 * additive fields: `intervalUs` (achieved), `sampledMs`, `gcMs`, `idleMs`, `programMs`.
 */
export function formatProfileJson(
  o: ProfileOutput,
  run?: {
    calls: number;
    requestedIntervalUs: number;
    callCountsFile?: string;
    callCountsNote?: string;
    confirmations?: RuntimeConfirmationReport;
    aborted?: boolean;
    stoppedInsideCall?: boolean;
    stoppedWhileWarmingUp?: boolean;
    note?: string;
  },
): string {
  const r = o.report;
  return `${JSON.stringify(
    {
      profile: o.profile,
      partial: o.partial,
      durationMs: r.durationMs,
      sampleCount: r.sampleCount,
      hotspots: r.hotspots,
      hotLines: r.hotLines,
      intervalUs: r.intervalUs,
      sampledMs: r.sampledMs,
      gcMs: r.gcMs,
      idleMs: r.idleMs,
      programMs: r.programMs,
      // perf-lens profile only: how many times the function ran while profiled, and the interval asked for.
      ...(run ? { calls: run.calls, requestedIntervalUs: run.requestedIntervalUs } : {}),
      // perf-lens profile --function: the file behind the hot spots' `calls`, or why there are none.
      ...(run?.callCountsFile ? { callCountsFile: run.callCountsFile } : {}),
      ...(run?.callCountsNote ? { callCountsNote: run.callCountsNote } : {}),
      // perf-lens profile --function: the module's n-plus-one findings checked at runtime (confirmed or not).
      ...(run?.confirmations ? confirmationsJson(run.confirmations) : {}),
      // perf-lens profile, partial runs: stopped by Ctrl-C; stopped inside a call that never returned
      // (and during the warm-up: the profile is the warm-up's); the sentence said on stderr.
      ...(run?.aborted ? { aborted: true } : {}),
      ...(run?.stoppedInsideCall ? { stoppedInsideCall: true } : {}),
      ...(run?.stoppedWhileWarmingUp ? { stoppedWhileWarmingUp: true } : {}),
      ...(run?.note ? { note: run.note } : {}),
    },
    null,
    2,
  )}\n`;
}

function confirmationsJson(r: RuntimeConfirmationReport) {
  const row = (c: RuntimeConfirmationReport['findings'][number]) => ({
    ruleId: c.ruleId,
    file: c.file,
    line: c.line,
    column: c.column,
    calls: c.calls,
    perCall: c.perCall,
    iterations: c.iterations,
    loopStarts: c.loopStarts,
    runs: c.runs,
    message: c.message,
    confirmation: c.confirmation,
  });
  return {
    confirmedFindings: r.findings.filter((c) => c.confirmed).map(row),
    unconfirmedFindings: r.findings.filter((c) => !c.confirmed).map(row),
    ...(r.note ? { confirmationNote: r.note } : {}),
  };
}

/** A line per n-plus-one finding checked at runtime (confirmed ones first), or the reason none was. */
export function formatConfirmationsText(r: RuntimeConfirmationReport, cwd: string): string {
  // A module without n-plus-one findings says nothing here (JSON has the note).
  if (r.findings.length === 0) return r.note && !r.nothingToCheck ? `\nruntime check of n-plus-one findings: ${r.note}` : '';
  const sorted = [...r.findings].sort((a, b) => Number(b.confirmed) - Number(a.confirmed));
  return `\n${sorted.map((c) => `${c.ruleId} ${shown(c.file, cwd)}:${c.line}:${c.column}: ${c.confirmation}`).join('\n')}`;
}

const ms = (x: number) => x.toFixed(1).padStart(9);
const pct = (x: number) => formatPercent(x).padStart(7);

/** A file inside the working directory is shown relative to it (clickable in terminals and editors). */
function shown(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function formatProfileText(o: ProfileOutput, cwd: string, rows = 20): string {
  const r = o.report;
  const share = (x: number) => (r.sampledMs > 0 ? formatPercent((100 * x) / r.sampledMs) : '0%');
  const lines = [
    `${shown(o.profile, cwd)}${o.partial ? ` (partial: ${o.partialReason ?? 'stopped at the time limit'})` : ''}`,
    `${r.durationMs.toFixed(0)} ms, ${r.sampleCount} samples, one every ${(r.intervalUs / 1000).toFixed(2)} ms (achieved); ` +
      `GC ${share(r.gcMs)}, idle ${share(r.idleMs)}, program ${share(r.programMs)}`,
    '',
  ];
  // A calls column only when some hot spot has an exact count (a --function profile's counting pass).
  const withCalls = r.hotspots.slice(0, rows).some((h) => h.calls !== null);
  const callsCell = (c: number | null) => (withCalls ? ` ${(c === null ? '-' : String(c)).padStart(10)}` : '');
  lines.push(`${'self ms'.padStart(9)} ${'self'.padStart(7)} ${'total ms'.padStart(9)} ${'total'.padStart(7)}${withCalls ? ` ${'calls'.padStart(10)}` : ''}  function`);
  for (const h of r.hotspots.slice(0, rows)) {
    lines.push(`${ms(h.selfMs)} ${pct(h.selfPercent)} ${ms(h.totalMs)} ${pct(h.totalPercent)}${callsCell(h.calls)}  ${h.functionName}  ${shown(h.file, cwd)}:${h.line}:${h.column}`);
  }
  if (r.hotLines.length > 0) {
    lines.push('', `${'self ms'.padStart(9)} ${'self'.padStart(7)}  hot line`);
    for (const l of r.hotLines.slice(0, Math.min(rows, 10))) lines.push(`${ms(l.selfMs)} ${pct(l.selfPercent)}  ${shown(l.file, cwd)}:${l.line}`);
  }
  return `${lines.join('\n')}\n`;
}

const signed = (x: number, digits: number) => `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

export function formatDiffText(before: string, after: string, d: ProfileDiff, cwd: string): string {
  const callsOf = (n: number | undefined) => (n === undefined ? '' : `, ${n} calls`);
  const lines = [
    `before: ${shown(before, cwd)} (${d.beforeMs.toFixed(0)} ms sampled${callsOf(d.beforeCalls)})`,
    `after:  ${shown(after, cwd)} (${d.afterMs.toFixed(0)} ms sampled${callsOf(d.afterCalls)})`,
    d.basis === 'per-call'
      ? 'basis: per call of the profiled function (both profiles have call counts): self time per call before and after'
      : "basis: share of each run's sampled time (no call counts on both sides), so runs of different lengths compare fairly",
    '',
    `${'self before'.padStart(17)} ${'self after'.padStart(17)} ${'change'.padStart(17)}  function`,
  ];
  if (d.basis === 'per-call') {
    lines[lines.length - 1] = `${'self/call before'.padStart(17)} ${'self/call after'.padStart(17)} ${'change/call'.padStart(17)}  function`;
    for (const f of d.functions) {
      const b = f.beforeSelfUsPerCall ?? 0;
      const a = f.afterSelfUsPerCall ?? 0;
      const rel = b > 0 ? `${signed((100 * (a - b)) / b, 0)}%` : a > 0 ? 'new' : '-';
      const change = `${`${signed(a - b, 1)} µs`.padStart(11)} ${rel.padStart(5)}`;
      const note = f.status === 'added' ? '  (new)' : f.status === 'removed' ? '  (gone)' : '';
      lines.push(`${`${b.toFixed(1)} µs`.padStart(17)} ${`${a.toFixed(1)} µs`.padStart(17)} ${change.padStart(17)}  ${f.functionName}  ${shown(f.file, cwd)}:${f.line}${note}`);
    }
    return `${lines.join('\n')}\n`;
  }
  for (const f of d.functions) {
    const cell = (msv: number, p: number) => `${msv.toFixed(1).padStart(8)} ${pct(p)} `;
    const change = `${signed(f.deltaSelfMs, 1).padStart(8)} ${`${signed(f.deltaSelfPercent, 1)}pp`.padStart(8)}`;
    const note = f.status === 'added' ? '  (new)' : f.status === 'removed' ? '  (gone)' : '';
    lines.push(`${cell(f.beforeSelfMs, f.beforeSelfPercent)} ${cell(f.afterSelfMs, f.afterSelfPercent)} ${change}  ${f.functionName}  ${shown(f.file, cwd)}:${f.line}${note}`);
  }
  return `${lines.join('\n')}\n`;
}
