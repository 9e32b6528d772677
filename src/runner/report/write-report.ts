/**
 * Writes the standalone HTML report of a `.cpuprofile` (src/core/report/report-html.ts): the same hot
 * spots (up to 1000 functions, every one, the page's "my code only" box filters) and flame graph the
 * editor's panel shows, with the built webview (dist/webview/hotspots.{js,css}, found next to the
 * running bundle) inlined. Never replaces a file that is not a Perf Lens report unless told to (the
 * editor's save dialog has asked), and writes through a temporary file so a failure leaves nothing half-written.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { buildFlame } from '../../core/profile/flame';
import { computeHotspots } from '../../core/profile/hotspots';
import type { CpuProfile } from '../../core/profile/model';
import { REPORT_GENERATOR_PREFIX, ReportAssetError, profileReportHtml } from '../../core/report/report-html';
import { enclosingFunctionLookup } from '../profile/analysis/enclosing-functions';
import { errorCode } from '../files/file-discovery';
import { callCountLookupFor } from '../profile/call-counts';
import { isHarnessFrame } from '../profile/run-profile';
import { readProfile } from '../profile/analysis/read-profile';

/** The functions a report lists (as the editor's panel). */
export const REPORT_HOTSPOT_LIMIT = 1000;

export class ReportWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportWriteError';
  }
}

export interface ProfileReportOptions {
  profilePath: string;
  outFile: string;
  /** Default: "Hot spots of <profile file name>". */
  title?: string;
  /** The run stopped early (the page says so). */
  partial?: boolean;
  /** Already read (saves reading the file twice). */
  profile?: CpuProfile;
  /** Replace whatever is at `outFile`. Without it only an earlier Perf Lens report is replaced. */
  overwrite?: boolean;
  /** Charge samples exactly as V8 recorded them (no inlining correction), as `perf-lens hotspots --as-recorded`. */
  asRecorded?: boolean;
  /** Where hotspots.js and hotspots.css are. Default: `webview/` next to this bundle. */
  assetsDir?: string;
}

export const defaultAssetsDir = (): string => path.join(__dirname, 'webview');

function readAsset(dir: string, name: string): string {
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReportWriteError(`the report's page ${file} cannot be read (${errorCode(e)}): run the build (npm run build)`);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** True when the file starts like a page this module wrote (its generator meta tag). */
function isPerfLensReport(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(2048);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').includes(`<meta name="generator" content="${REPORT_GENERATOR_PREFIX} `);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Throws ReportWriteError when `outFile` may not be written (checked before a long profiling run, and again when writing). */
export function checkReportTarget(outFile: string, overwrite: boolean): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outFile);
  } catch {
    return; // nothing there yet
  }
  if (!stat.isFile()) throw new ReportWriteError(`${outFile} exists and is not a file: choose another name for the report`);
  if (!overwrite && !isPerfLensReport(outFile)) {
    throw new ReportWriteError(`${outFile} exists and is not a Perf Lens report: choose another name for the report (the file was left untouched)`);
  }
}

/** The report page's HTML for a profile. */
export function profileReportPage(options: Omit<ProfileReportOptions, 'outFile' | 'overwrite'>): string {
  const profile = options.profile ?? readProfile(options.profilePath).profile;
  const enclosingFunction = options.asRecorded ? undefined : enclosingFunctionLookup();
  const report = computeHotspots(profile, { enclosingFunction, callCount: callCountLookupFor(profile, options.profilePath), hidden: isHarnessFrame, limit: REPORT_HOTSPOT_LIMIT });
  const flame = buildFlame(profile, { enclosingFunction, hidden: isHarnessFrame });
  const dir = options.assetsDir ?? defaultAssetsDir();
  try {
    return profileReportHtml(
      {
        script: readAsset(dir, 'hotspots.js'),
        style: readAsset(dir, 'hotspots.css'),
        message: { type: 'show', report, flame, title: options.title ?? `Hot spots of ${path.basename(options.profilePath)}`, partial: options.partial === true },
        generator: `${REPORT_GENERATOR_PREFIX} ${pkg.version}`,
      },
      sha256,
    );
  } catch (e) {
    if (e instanceof ReportAssetError) throw new ReportWriteError(e.message);
    throw e;
  }
}

/** Builds and writes the report; resolves to its absolute path and size. */
export function writeProfileReport(options: ProfileReportOptions): { file: string; bytes: number } {
  const file = path.resolve(options.outFile);
  if (path.resolve(options.profilePath) === file) throw new ReportWriteError('the report would replace the profile itself: choose another name ending in .html');
  checkReportTarget(file, options.overwrite === true);
  const html = profileReportPage(options);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw new ReportWriteError(`cannot create the folder for ${file} (${errorCode(e)})`);
  }
  const tmp = `${file}.${process.pid}-${Date.now()}.tmp`;
  try {
    // `wx`: never onto an existing file, even a stray one with this name.
    fs.writeFileSync(tmp, html, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new ReportWriteError(`cannot write ${file} (${errorCode(e)})`);
  }
  return { file, bytes: Buffer.byteLength(html) };
}
