/** `perf-lens diff <before> <after>` (each a .cpuprofile or 0x / clinic flame data): which functions got slower or faster. */
import * as path from 'node:path';
import type { Command, CommandIo } from '../command';
import { flag, oneOf, parseCommandArgs, stringValue } from '../args';
import { EXIT_OK, UsageError } from '../errors';
import { type ProfileData, ProfileReadError, readProfile } from '../../runner/profile/analysis/read-profile';
import { diffProfiles } from '../../runner/profile/analysis/compare-profiles';
import { formatDiffText } from '../format/profile';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'my-code': { type: 'boolean' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: perf-lens diff <before> <after> [options]

Each profile is a .cpuprofile, a 0x output folder (<pid>.0x) or its data file, a clinic flame folder or
its samples, or a folder of such runs (the newest is taken).

Compares two CPU profiles of the same code function by function: self time before and after, in ms
and in % of each profile's own sampled time (fair when the runs differ in length), largest change first.
When both profiles have call counts (<profile>.coverage.json, from perf-lens profile --function), the
comparison is per call of the profiled function instead: a run that made half the calls in the same time
is twice as slow per call. The basis used is the third line of the text output ("basis: per call ..." or
"basis: share of each run ...") and the "basis" field of the JSON ("per-call" or "share").
Functions are matched by file and name, so an edit that moves a function keeps it matched.

Options:
  -f, --format <text|json>  output format (default: text)
      --my-code             only the project's own files
      --limit <n>           at most n rows (default 50)
  -h, --help                show this help

Exit status: 0 success, 2 bad usage or an unreadable profile.`;

function load(file: string): ProfileData {
  try {
    return readProfile(file);
  } catch (e) {
    if (e instanceof ProfileReadError) throw new UsageError(e.message);
    throw e;
  }
}

export async function runDiff(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (flag(args, 'help')) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  const format = oneOf(stringValue(args, 'format'), ['text', 'json'] as const, '--format', 'text');
  if (args.positionals.length !== 2) throw new UsageError('give two profiles (.cpuprofile files or 0x / clinic flame data): before and after (see perf-lens diff --help)');
  const limitRaw = stringValue(args, 'limit');
  if (limitRaw !== undefined && !/^[1-9]\d*$/.test(limitRaw)) throw new UsageError(`--limit must be a whole number of at least 1 (got "${limitRaw}")`);
  const limit = limitRaw === undefined ? 50 : Number(limitRaw);
  const [before, after] = args.positionals.map((p) => path.resolve(io.cwd, p));
  const [a, b] = [load(before), load(after)];
  // Which run of a folder was taken, and estimated times, on stderr: stdout stays the table (or JSON).
  for (const d of [a, b]) {
    if (d.note) io.stderr(`perf-lens: ${d.format === '0x' ? '0x' : 'clinic flame'}: ${d.note}`);
    if (d.estimatedTimes) io.stderr(`perf-lens: ${d.dataFile}: these samples carry no times: each counts as 1 ms (shares are exact)`);
  }
  const diff = diffProfiles({ path: before, profile: a.profile }, { path: after, profile: b.profile }, { myCodeOnly: flag(args, 'my-code') });
  const shown = { ...diff, functions: diff.functions.slice(0, limit) };
  io.stdout(format === 'json' ? `${JSON.stringify({ before, after, ...shown }, null, 2)}\n` : formatDiffText(before, after, shown, io.cwd));
  return EXIT_OK;
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two profiles (.cpuprofile, 0x, clinic flame): which functions got slower or faster',
  help: HELP,
  run: runDiff,
};
