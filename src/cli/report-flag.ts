/**
 * `--report <file.html>` of `perf-lens profile` and `perf-lens hotspots`: the standalone HTML report
 * (src/runner/report). The name is checked before any work (a profile run takes seconds), and the
 * "written" line goes to stdout with text output, to stderr with JSON (stdout stays one JSON document).
 */
import * as path from 'node:path';
import type { CommandIo } from './command';
import { UsageError } from './errors';
import { ReportWriteError, checkReportTarget, writeProfileReport, type ProfileReportOptions } from '../runner/report/write-report';

/** The report's absolute path, or undefined without the flag; a UsageError for a name that cannot be used. */
export function reportTarget(raw: string | undefined, cwd: string): string | undefined {
  if (raw === undefined) return undefined;
  if (!/\.html?$/i.test(raw)) throw new UsageError(`--report needs a file name ending in .html (got "${raw}")`);
  const file = path.resolve(cwd, raw);
  try {
    checkReportTarget(file, false);
  } catch (e) {
    if (e instanceof ReportWriteError) throw new UsageError(e.message);
    throw e;
  }
  return file;
}

export function writeReportFor(options: ProfileReportOptions, io: CommandIo, format: 'text' | 'json'): void {
  let written;
  try {
    written = writeProfileReport(options);
  } catch (e) {
    if (e instanceof ReportWriteError) throw new UsageError(e.message);
    throw e;
  }
  const line = `report: ${written.file} (${(written.bytes / 1024).toFixed(0)} KB, opens in any browser)`;
  if (format === 'json') io.stderr(line);
  else io.stdout(`${line}\n`);
}
