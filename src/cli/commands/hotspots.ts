/** `perf-lens hotspots <file.cpuprofile | 0x folder | clinic flame folder>`: where the time went in a saved CPU profile. */
import * as path from 'node:path';
import type { Command, CommandIo } from '../command';
import { flag, oneOf, parseCommandArgs, stringValue } from '../args';
import { EXIT_OK, UsageError } from '../errors';
import { formatProfileJson, formatProfileText } from '../format/profile';
import { computeHotspots } from '../../core/profile/hotspots';
import { type ProfileData, ProfileReadError, readProfile } from '../../runner/profile/analysis/read-profile';
import { enclosingFunctionLookup } from '../../runner/profile/analysis/enclosing-functions';
import { isHarnessFrame } from '../../runner/profile/run-profile';
import { callCountLookupFor } from '../../runner/profile/call-counts';
import { reportTarget, writeReportFor } from '../report-flag';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'my-code': { type: 'boolean' },
  'as-recorded': { type: 'boolean' },
  limit: { type: 'string' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: perf-lens hotspots <file.cpuprofile> [options]
       perf-lens hotspots <0x folder | .clinic folder | clinic flame folder or file> [options]

Self and total time per function and the hottest lines of a V8 CPU profile (node --cpu-prof, Chrome
DevTools, perf-lens profile). Samples that V8 charged to a caller because it inlined a small function
are given back to that function when its source file is readable. Exact call counts come from
<file.cpuprofile>.coverage.json when it is there (perf-lens profile --function writes it).

0x and clinic flame: a <pid>.0x folder (or its isolate-*-v8.log.json or ticks.json), a
.clinic/<id>.clinic-flame folder (or its -samples file or .clinic-flame.html), or a folder holding such
runs (the newest is taken). clinic flame keeps no times: each sample counts as 1 ms there.

Options:
  -f, --format <text|json>  output format (default: text)
      --my-code             only the project's own files (no node: internals, no node_modules)
      --as-recorded         charge samples exactly as V8 recorded them (no inlining correction)
      --limit <n>           at most n functions and n lines (default 100)
      --report <file.html>  also write a self-contained HTML report (the table and the flame graph,
                            up to 1000 functions, no network; replaces only an earlier report)
  -h, --help                show this help

Exit status: 0 success, 2 bad usage or an unreadable profile.`;

export async function runHotspots(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (flag(args, 'help')) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  const format = oneOf(stringValue(args, 'format'), ['text', 'json'] as const, '--format', 'text');
  if (args.positionals.length !== 1) throw new UsageError('give exactly one .cpuprofile file or 0x / clinic flame folder (see perf-lens hotspots --help)');
  const limitRaw = stringValue(args, 'limit');
  if (limitRaw !== undefined && !/^[1-9]\d*$/.test(limitRaw)) throw new UsageError(`--limit must be a whole number of at least 1 (got "${limitRaw}")`);
  const file = path.resolve(io.cwd, args.positionals[0]);
  const reportFile = reportTarget(stringValue(args, 'report'), io.cwd);
  let data;
  try {
    data = readProfile(file);
  } catch (e) {
    if (e instanceof ProfileReadError) throw new UsageError(e.message);
    throw e;
  }
  const profile = data.profile;
  const report = computeHotspots(profile, {
    enclosingFunction: flag(args, 'as-recorded') ? undefined : enclosingFunctionLookup(),
    callCount: data.format === 'cpuprofile' ? callCountLookupFor(profile, file) : undefined,
    myCodeOnly: flag(args, 'my-code'),
    hidden: isHarnessFrame,
    limit: limitRaw === undefined ? undefined : Number(limitRaw),
  });
  const out = { profile: data.format === 'cpuprofile' ? file : data.dataFile, partial: false, report };
  io.stdout(format === 'json' ? formatProfileJson(out) : formatProfileText(out, io.cwd));
  if (format === 'text') io.stdout(importedNotes(data));
  if (reportFile) writeReportFor({ profilePath: file, profile, outFile: reportFile, asRecorded: flag(args, 'as-recorded') }, io, format);
  return EXIT_OK;
}

/** Text-mode lines about 0x / clinic data: which run, estimated times, the tool's own page. */
function importedNotes(data: ProfileData): string {
  if (data.format === 'cpuprofile') return '';
  const lines = [''];
  if (data.note) lines.push(`${data.format === '0x' ? '0x' : 'clinic flame'}: ${data.note}`);
  if (data.estimatedTimes) lines.push('these samples carry no times: each counts as 1 ms (shares are exact)');
  if (data.flamegraphHtml) lines.push(`its own flame graph: ${data.flamegraphHtml}`);
  return lines.length > 1 ? `${lines.join('\n')}\n` : '';
}

export const hotspotsCommand: Command = {
  name: 'hotspots',
  summary: 'self/total time per function and hot lines of a .cpuprofile',
  help: HELP,
  run: runHotspots,
};
