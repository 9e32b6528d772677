/**
 * `perf-lens profile <script> --with-0x`: the script run by the project's own 0x, its data read back into
 * the same hot spots as a `.cpuprofile`, and the path of 0x's flamegraph.html printed.
 */
import * as path from 'node:path';
import type { CommandIo } from '../command';
import { EXIT_OK, UsageError } from '../errors';
import { formatProfileJson, formatProfileText } from '../format/profile';
import { computeHotspots } from '../../core/profile/hotspots';
import { enclosingFunctionLookup } from '../../runner/profile/analysis/enclosing-functions';
import { ZeroXNotFoundError, ZeroXRunError, defaultZeroXDir, profileWithZeroX } from '../../runner/profile/zero-x-run';

export interface ZeroXCliOptions {
  script: string;
  argv: string[];
  out?: string;
  timeoutMs?: number;
  format: 'text' | 'json';
  myCode: boolean;
}

export async function runProfileWith0x(o: ZeroXCliOptions, io: CommandIo, signal?: AbortSignal): Promise<number> {
  const outDir = o.out ? path.resolve(io.cwd, o.out) : defaultZeroXDir(io.cwd, o.script);
  let run;
  try {
    run = await profileWithZeroX({ script: o.script, argv: o.argv, cwd: io.cwd, outDir, timeoutMs: o.timeoutMs ?? 600_000, signal });
  } catch (e) {
    // 0x missing, the script failing, a folder in the way: the user's to fix, one line, exit 2.
    if (e instanceof ZeroXNotFoundError || e instanceof ZeroXRunError) throw new UsageError(e.message);
    throw e;
  }
  const report = computeHotspots(run.profile, { enclosingFunction: enclosingFunctionLookup(), myCodeOnly: o.myCode, hidden: undefined });
  const out = { profile: run.folder, partial: run.partial, report };
  if (o.format === 'json') {
    io.stdout(formatProfileJson(out));
  } else {
    io.stdout(formatProfileText(out, io.cwd));
    io.stdout(`\nprofiled by the project's 0x ${run.zeroXVersion} (V8 --prof)${run.flamegraphHtml ? `; its own flame graph: ${run.flamegraphHtml}` : ''}\n`);
  }
  return EXIT_OK;
}
