/** `perf-lens hotspots <file.cpuprofile>`: where the time went in a saved CPU profile. */
import * as path from 'node:path';
import type { Command, CommandIo } from '../command';
import { flag, oneOf, parseCommandArgs, stringValue } from '../args';
import { EXIT_OK, UsageError } from '../errors';
import { formatProfileJson, formatProfileText } from '../format/profile';
import { computeHotspots } from '../../core/profile/hotspots';
import { ProfileReadError, readCpuProfile } from '../../runner/read-profile';
import { enclosingFunctionLookup } from '../../runner/enclosing-functions';
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

Self and total time per function and the hottest lines of a V8 CPU profile (node --cpu-prof, Chrome
DevTools, perf-lens profile). Samples that V8 charged to a caller because it inlined a small function
are given back to that function when its source file is readable. Exact call counts come from
<file.cpuprofile>.coverage.json when it is there (perf-lens profile --function writes it).

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
  if (args.positionals.length !== 1) throw new UsageError('give exactly one .cpuprofile file (see perf-lens hotspots --help)');
  const limitRaw = stringValue(args, 'limit');
  if (limitRaw !== undefined && !/^[1-9]\d*$/.test(limitRaw)) throw new UsageError(`--limit must be a whole number of at least 1 (got "${limitRaw}")`);
  const file = path.resolve(io.cwd, args.positionals[0]);
  const reportFile = reportTarget(stringValue(args, 'report'), io.cwd);
  let profile;
  try {
    profile = readCpuProfile(file);
  } catch (e) {
    if (e instanceof ProfileReadError) throw new UsageError(e.message);
    throw e;
  }
  const report = computeHotspots(profile, {
    enclosingFunction: flag(args, 'as-recorded') ? undefined : enclosingFunctionLookup(),
    callCount: callCountLookupFor(profile, file),
    myCodeOnly: flag(args, 'my-code'),
    hidden: isHarnessFrame,
    limit: limitRaw === undefined ? undefined : Number(limitRaw),
  });
  const out = { profile: file, partial: false, report };
  io.stdout(format === 'json' ? formatProfileJson(out) : formatProfileText(out, io.cwd));
  if (reportFile) writeReportFor({ profilePath: file, profile, outFile: reportFile, asRecorded: flag(args, 'as-recorded') }, io, format);
  return EXIT_OK;
}

export const hotspotsCommand: Command = {
  name: 'hotspots',
  summary: 'self/total time per function and hot lines of a .cpuprofile',
  help: HELP,
  run: runHotspots,
};
