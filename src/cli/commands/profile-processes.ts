/**
 * `perf-lens profile --npm-script <name>` and `perf-lens profile --test <file>`: runs that start Node.js
 * processes of their own (npm, a test runner), each profiled; prints the hot spots of the chosen process
 * (the most CPU time; for a test file, one that ran it) and lists the others.
 */
import * as path from 'node:path';
import type { CommandIo } from '../command';
import { type ParsedArgs, flag, stringValue } from '../args';
import { EXIT_OK, UsageError } from '../errors';
import { reportTarget, writeReportFor } from '../report-flag';
import { formatProfileJson, formatProfileText } from '../format/profile';
import { computeHotspots } from '../../core/profile/hotspots';
import { readProfile } from '../../runner/profile/analysis/read-profile';
import { enclosingFunctionLookup } from '../../runner/profile/analysis/enclosing-functions';
import { ProfileOptionsError, ProfileTargetError, isHarnessFrame } from '../../runner/profile/run-profile';
import type { ProcessTreeResult, ProfiledProcess } from '../../runner/profile/profile-processes';
import { profileNpmScript } from '../../runner/profile/npm-script';
import { profileTestFile } from '../../runner/profile/test-runner';

export interface ProcessTreeRequest {
  args: ParsedArgs;
  io: CommandIo;
  signal?: AbortSignal;
  format: 'text' | 'json';
  intervalUs: number;
  timeoutMs: number | undefined;
  /** `.perf-lens/profiles/<name>-<time>.cpuprofile` for a name. */
  defaultOut(name: string): string;
}

/** `work.js 10 (pid 123): 812 ms CPU, 801 samples` */
function describeProcess(p: ProfiledProcess, cwd: string): string {
  const command = p.command
    .split(' ')
    .map((part) => (path.isAbsolute(part) && !path.relative(cwd, part).startsWith('..') ? path.relative(cwd, part) : part))
    .join(' ');
  return `${command} (pid ${p.pid}): ${p.cpuMs.toFixed(0)} ms CPU, ${p.sampleCount} samples${p.profilePath ? `, ${p.profilePath}` : ''}`;
}

export async function runProcessTreeProfile(r: ProcessTreeRequest): Promise<number> {
  const { args, io } = r;
  const npmScript = stringValue(args, 'npm-script');
  const testFile = stringValue(args, 'test');
  if (npmScript !== undefined && testFile !== undefined) throw new UsageError('give either --npm-script or --test, not both');
  for (const o of ['function', 'args', 'args-js', 'duration', 'iterations'] as const) {
    if (stringValue(args, o) !== undefined) throw new UsageError(`--${o} cannot be combined with ${npmScript !== undefined ? '--npm-script' : '--test'}`);
  }
  if (flag(args, 'with-0x')) throw new UsageError(`--with-0x cannot be combined with ${npmScript !== undefined ? '--npm-script' : '--test'} (0x runs one script)`);
  const outArg = stringValue(args, 'out');
  const keepOtherProfiles = flag(args, 'all-processes');
  // Checked before the run: a name that cannot be used must not cost a whole run.
  const reportFile = reportTarget(stringValue(args, 'report'), io.cwd);
  let run: ProcessTreeResult;
  let what: string;
  try {
    if (npmScript !== undefined) {
      what = `npm run ${npmScript}`;
      const out = outArg ? path.resolve(io.cwd, outArg) : r.defaultOut(`npm-${npmScript}`);
      run = await profileNpmScript({ name: npmScript, argv: args.positionals, cwd: io.cwd, outFile: out, intervalUs: r.intervalUs, timeoutMs: r.timeoutMs, signal: r.signal, keepOtherProfiles, keepPartialOnAbort: true });
    } else {
      if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}": --test runs one file, with no arguments`);
      const out = outArg ? path.resolve(io.cwd, outArg) : r.defaultOut(path.basename(testFile!));
      const t = await profileTestFile({ file: testFile!, cwd: io.cwd, outFile: out, intervalUs: r.intervalUs, timeoutMs: r.timeoutMs, signal: r.signal, keepOtherProfiles, keepPartialOnAbort: true });
      what = `${path.relative(io.cwd, path.resolve(io.cwd, testFile!)) || testFile} with ${t.runner.id} (${t.runner.reason})`;
      run = t;
    }
  } catch (e) {
    // The target's own failure (a failing test, a crash) and unusable input: exit 2, one line (and the output's tail).
    if (e instanceof ProfileTargetError) {
      const tail = e.stderrTail.trim();
      if (tail) io.stderr(tail);
      throw new UsageError(e.message);
    }
    if (e instanceof ProfileOptionsError) throw new UsageError(e.message);
    throw e;
  }

  if (run.note) io.stderr(`perf-lens: ${run.note}`);
  const profile = readProfile(run.profilePath).profile;
  const report = computeHotspots(profile, { enclosingFunction: enclosingFunctionLookup(), myCodeOnly: flag(args, 'my-code'), hidden: isHarnessFrame });
  const out = { profile: run.profilePath, partial: run.partial, partialReason: run.aborted ? 'interrupted' : undefined, report };
  const [chosen, ...others] = run.processes;
  if (r.format === 'json') {
    const json = JSON.parse(formatProfileJson(out, { calls: run.calls, requestedIntervalUs: run.requestedIntervalUs, aborted: run.aborted, note: run.note })) as Record<string, unknown>;
    // Additive: every profiled process, the chosen one first.
    json.processes = run.processes.map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      command: p.command,
      cpuMs: p.cpuMs,
      wallMs: p.wallMs,
      sampleCount: p.sampleCount,
      chosen: p === chosen,
      profile: p.profilePath ?? null,
    }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    if (reportFile) writeReportFor({ profilePath: run.profilePath, profile, outFile: reportFile, partial: run.partial }, io, r.format);
    return EXIT_OK;
  }
  io.stdout(formatProfileText(out, io.cwd));
  if (reportFile) writeReportFor({ profilePath: run.profilePath, profile, outFile: reportFile, partial: run.partial }, io, r.format);
  io.stdout(`\n${what}: profiled ${describeProcess(chosen, io.cwd)}\n`);
  if (others.length > 0) {
    io.stdout(`other Node.js processes of the run${keepOtherProfiles ? '' : ' (--all-processes saves their profiles too)'}:\n`);
    for (const p of others) io.stdout(`  ${describeProcess(p, io.cwd)}\n`);
  }
  io.stdout(`sampling: ${run.requestedIntervalUs} µs requested, ${run.achievedIntervalUs.toFixed(0)} µs achieved\n`);
  return EXIT_OK;
}
