/**
 * The one profile reader: `readProfile(path)` opens a `.cpuprofile`, 0x or clinic flame data file, a 0x
 * output folder (`<pid>.0x/`), a clinic flame folder (`.clinic/<id>.clinic-flame/`, or its `.html`), or a
 * folder of such runs (the newest, said in a note). The format comes from the contents (see core's
 * `import/index.ts`); the first bytes are looked at before the file is read, and every file is read in
 * 1 MB chunks (samples straight into typed arrays, never the file as one string: see
 * `import/cpuprofile-bytes.ts`). One sentence for each way it can fail; only reads files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CpuProfile } from '../../../core/profile/model';
import { ProfileFormatError } from '../../../core/profile/import/cpuprofile';
import { CpuProfileBytesParser, JsonSyntaxError } from '../../../core/profile/import/cpuprofile-bytes';
import { type ProfileDataFormat, type ProfileImporterId, importProfile, importerHintOfName, sniffProfileBytes } from '../../../core/profile/import';
import { errorCode } from '../../files/file-discovery';

export type { ProfileDataFormat } from '../../../core/profile/import';

export class ProfileReadError extends Error {}

export interface ProfileData {
  profile: CpuProfile;
  format: ProfileDataFormat;
  /** The file the samples came from. */
  dataFile: string;
  /** The tool's own flame graph page next to the data, when it is there (0x `flamegraph.html`, clinic's `.clinic-flame.html`). */
  flamegraphHtml?: string;
  /** e.g. which of several runs in a folder was taken. */
  note?: string;
  /** clinic flame and 0x `ticks.json` keep no times: each sample counts as 1 ms. */
  estimatedTimes: boolean;
}

/** The node list is still parsed as one string, and V8 strings stop at about 512 MB. */
const MAX_PROFILE_BYTES = 512 * 1024 * 1024;
/** Chunks of 1 MB: the file is never in memory whole (see cpuprofile-bytes.ts). */
const CHUNK_BYTES = 1 << 20;

const ZERO_X_LOG = /^isolate-.*-v8\.log\.json$/;
const ZERO_X_RAW_LOG = /^isolate-.*-v8\.log$/;
const CLINIC_SAMPLES = /\.clinic-flame-samples$/;
const CLINIC_OTHER = /\.clinic-(doctor|bubbleprof|heapprofiler)$/;

/** The file's JSON, read chunk by chunk; its first bytes decide whether it is read at all. */
function parseProfileFile(file: string, size: number): unknown {
  const parser = new CpuProfileBytesParser(size);
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    for (let first = true; ; first = false) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (first && n > 0) {
        const head = sniffProfileBytes(chunk.subarray(0, Math.min(n, 4096)));
        if (head.kind === 'other') throw new JsonSyntaxError(`it starts with ${head.first}, where a profile starts with "{" or "["`);
      }
      if (n === 0) break;
      parser.write(chunk.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return parser.end();
}

/** One data file, its format from its contents (`hint`, from its name or folder, breaks ties and names the error). */
function readProfileFile(file: string, hint = importerHintOfName(file)): ProfileData {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw new ProfileReadError(`cannot read ${file} (${errorCode(e)})`);
  }
  if (size > MAX_PROFILE_BYTES) {
    throw new ProfileReadError(`${file} is ${(size / 1e6).toFixed(0)} MB: profiles above 512 MB cannot be opened yet`);
  }
  const toolData = hint !== undefined && hint !== 'cpuprofile';
  let json: unknown;
  try {
    json = parseProfileFile(file, size);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ProfileReadError(`${file} is not valid JSON (${e.message})${toolData ? ': the run may not have finished writing it' : ''}`);
    if (e instanceof Error && 'code' in e) throw new ProfileReadError(`cannot read ${file} (${errorCode(e)})`);
    throw e;
  }
  try {
    const { profile, importer } = importProfile(json, hint);
    return { profile, format: importer.format, dataFile: file, estimatedTimes: importer.estimatedTimes };
  } catch (e) {
    if (e instanceof ProfileFormatError) throw new ProfileReadError(`${file}: ${e.message}`);
    throw e;
  }
}

const existing = (file: string) => (fs.existsSync(file) ? file : undefined);

/** 0x names its page after `--name` (default `flamegraph`), kept in meta.json. */
function zeroXHtml(folder: string): string | undefined {
  let name = 'flamegraph';
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(folder, 'meta.json'), 'utf8')) as { name?: unknown };
    if (typeof meta.name === 'string' && meta.name !== '-' && !meta.name.includes('/')) name = meta.name;
  } catch {
    // no meta.json: the default name
  }
  return existing(path.join(folder, `${name}.html`));
}

function clinicFlameFolder(folder: string, files: string[]): ProfileData | undefined {
  const samples = files.find((f) => CLINIC_SAMPLES.test(f));
  if (!samples) return undefined;
  return { ...readProfileFile(path.join(folder, samples), 'clinic-flame'), flamegraphHtml: existing(`${folder.replace(/[\\/]+$/, '')}.html`) };
}

function zeroXFolder(folder: string, files: string[]): ProfileData | undefined {
  const data = (name: string, hint: ProfileImporterId) => ({ ...readProfileFile(path.join(folder, name), hint), flamegraphHtml: zeroXHtml(folder) });
  const log = files.find((f) => ZERO_X_LOG.test(f));
  if (log) return data(log, 'zero-x-log');
  if (files.includes('ticks.json')) return data('ticks.json', 'zero-x-ticks');
  if (files.some((f) => ZERO_X_RAW_LOG.test(f))) {
    throw new ProfileReadError(`${folder} holds a V8 log that 0x has not processed (the run was interrupted?): run "0x --visualize-only ${folder}" to process it`);
  }
  if (files.some((f) => /^stacks\..*\.out$/.test(f))) {
    throw new ProfileReadError(`${folder} is 0x --kernel-tracing output (perf stacks), which cannot be opened: profile without --kernel-tracing`);
  }
  return undefined;
}

/** The newest sub-folder whose name matches, by modification time. */
function newest(folder: string, pattern: RegExp): { dir: string; count: number } | undefined {
  const dirs = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && pattern.test(e.name))
    .map((e) => ({ dir: path.join(folder, e.name), mtime: fs.statSync(path.join(folder, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.dir.localeCompare(a.dir));
  return dirs.length > 0 ? { dir: dirs[0].dir, count: dirs.length } : undefined;
}

/** The clinic flame runs of a `.clinic` folder (or a project holding one), newest first. */
export function clinicFlameRuns(folder: string): string[] {
  const base = fs.existsSync(path.join(folder, '.clinic')) && path.basename(folder) !== '.clinic' ? path.join(folder, '.clinic') : folder;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(base, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && e.name.endsWith('.clinic-flame'))
    .map((e) => path.join(base, e.name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs || b.localeCompare(a));
}

function readFolder(folder: string): ProfileData {
  let files: string[];
  try {
    files = fs.readdirSync(folder);
  } catch (e) {
    throw new ProfileReadError(`cannot read ${folder} (${errorCode(e)})`);
  }
  const direct = clinicFlameFolder(folder, files) ?? zeroXFolder(folder, files);
  if (direct) return direct;
  // A folder of runs: `.clinic/` (or a project with one) and `<pid>.0x/` folders.
  const runs = clinicFlameRuns(folder);
  if (runs.length > 0) {
    const data = readFolder(runs[0]);
    return runs.length > 1 ? { ...data, note: `the newest of ${runs.length} clinic flame runs: ${path.basename(runs[0])}` } : data;
  }
  const zeroX = newest(folder, /\.0x$/);
  if (zeroX) {
    const data = readFolder(zeroX.dir);
    return zeroX.count > 1 ? { ...data, note: `the newest of ${zeroX.count} 0x runs: ${path.basename(zeroX.dir)}` } : data;
  }
  const clinicDir = path.basename(folder) === '.clinic' ? folder : path.join(folder, '.clinic');
  const others = fs.existsSync(clinicDir) ? fs.readdirSync(clinicDir).filter((f) => CLINIC_OTHER.test(f)) : [];
  if (others.length > 0) {
    const tools = [...new Set(others.map((f) => CLINIC_OTHER.exec(f)![1]))].join(' and ');
    throw new ProfileReadError(`${folder} holds clinic ${tools} data, which has no CPU samples: only clinic flame runs can be opened`);
  }
  throw new ProfileReadError(`${folder} is not 0x or clinic flame output (no isolate-*-v8.log.json, ticks.json or *.clinic-flame-samples in it)`);
}

/**
 * Profile data from a file or a folder: a `.cpuprofile`, a 0x or clinic flame data file or folder, or a
 * folder of their runs. Throws ProfileReadError (one sentence) for anything it cannot open.
 */
export function readProfile(target: string): ProfileData {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    throw new ProfileReadError(`cannot read ${target} (${errorCode(e)})`);
  }
  if (stat.isDirectory()) return readFolder(target);
  const name = path.basename(target);
  if (name.endsWith('.clinic-flame.html')) return readFolder(target.slice(0, -'.html'.length));
  const data = readProfileFile(target);
  // A data file inside its tool's folder: the tool's page beside it too.
  if (CLINIC_SAMPLES.test(name)) return { ...data, flamegraphHtml: existing(`${path.dirname(target)}.html`) };
  if (ZERO_X_LOG.test(name) || name === 'ticks.json') return { ...data, flamegraphHtml: zeroXHtml(path.dirname(target)) };
  return data;
}
