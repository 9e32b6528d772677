/**
 * Saved baselines on disk: `.perf-lens/baselines/<name>.json` under the workspace root.
 * Writes are atomic (a temp file in the same folder, fsync, rename, fsync of the folder), so a crash
 * leaves either the old file or the new one, never half of one. A file that is not a baseline we can
 * read (corrupt, another shape, a newer version) is refused and never overwritten: it may be the only
 * copy of someone's measurements.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BaselineFormatError, baselineNameProblem, parseBaseline, type Baseline } from '../../core/bench/baseline';
import { errorCode } from '../files/file-discovery';

export class BaselineStoreError extends Error {}

/** V8 strings stop at about 512 MB: readFile + JSON.parse cannot open a larger file. */
const MAX_BASELINE_BYTES = 512 * 1024 * 1024;

export function baselinesDir(root: string): string {
  return path.join(root, '.perf-lens', 'baselines');
}

/** The file of a baseline; throws a BaselineStoreError for a name that is not a safe file name. */
export function baselinePath(root: string, name: string): string {
  const problem = baselineNameProblem(name);
  if (problem) throw new BaselineStoreError(problem);
  return path.join(baselinesDir(root), `${name}.json`);
}

export interface SaveOptions {
  /**
   * Called once the temp file is written and synced, before the rename: the point where a crash
   * matters most. For the crash test (which kills the process here); nothing else needs it.
   */
  beforeRename?: (tempFile: string) => void;
}

/** Saves `baseline` under `baseline.name`, replacing an older save of that name. Returns the file's path. */
export async function saveBaseline(root: string, baseline: Baseline, options: SaveOptions = {}): Promise<string> {
  const file = baselinePath(root, baseline.name);
  const dir = path.dirname(file);
  const text = JSON.stringify(baseline) + '\n';
  try {
    // Never write what loading would refuse (a NaN sample becomes null in JSON, for one).
    parseBaseline(JSON.parse(text));
  } catch (e) {
    throw new BaselineStoreError(`baseline "${baseline.name}" was not saved because ${(e as Error).message}`);
  }
  await refuseToOverwriteUnreadable(file, baseline.name);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new BaselineStoreError(`cannot create ${dir} (${errorCode(e)})`);
  }
  // Hidden and suffixed, so listing and loading never mistake it for a baseline if it is left behind.
  const temp = path.join(dir, `.${baseline.name}.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    options.beforeRename?.(temp);
    await fs.rename(temp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new BaselineStoreError(`cannot save baseline "${baseline.name}" to ${file} (${errorCode(e)})`);
  }
  await syncDirectory(dir);
  return file;
}

/** Makes the rename itself durable. Not possible on every platform (Windows cannot open a folder): best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, 'r');
    await h.sync();
  } catch {
    // EISDIR/EPERM on Windows; the rename is still atomic there, only its durability is the OS's.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

async function refuseToOverwriteUnreadable(file: string, name: string): Promise<void> {
  try {
    await loadBaselineFile(file, name);
  } catch (e) {
    if (e instanceof MissingBaselineError) return;
    throw new BaselineStoreError(`${(e as Error).message.replace(/\.$/, '')}; it was not overwritten (save under another name, or move it away)`);
  }
}

class MissingBaselineError extends BaselineStoreError {}

/** Loads a saved baseline; one sentence for each way it can fail (missing, too big, not JSON, wrong shape, newer version). */
export async function loadBaseline(root: string, name: string): Promise<Baseline> {
  const file = baselinePath(root, name);
  try {
    return await loadBaselineFile(file, name);
  } catch (e) {
    if (!(e instanceof MissingBaselineError)) throw e;
    const saved = (await listBaselines(root)).map((b) => b.name);
    throw new BaselineStoreError(`there is no baseline named "${name}" (${file})` + (saved.length ? `; saved: ${saved.join(', ')}` : '; none is saved yet'));
  }
}

async function loadBaselineFile(file: string, name: string): Promise<Baseline> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw new MissingBaselineError(`there is no baseline named "${name}"`);
    throw new BaselineStoreError(`cannot read baseline "${name}" (${file}: ${errorCode(e)})`);
  }
  if (size > MAX_BASELINE_BYTES) throw new BaselineStoreError(`baseline "${name}" (${file}) is ${(size / 1e6).toFixed(0)} MB: baselines above 512 MB cannot be read`);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new BaselineStoreError(`cannot read baseline "${name}" (${file}: ${errorCode(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineStoreError(`baseline "${name}" (${file}) is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  try {
    return parseBaseline(json);
  } catch (e) {
    if (e instanceof BaselineFormatError) throw new BaselineStoreError(`baseline "${name}" (${file}) is refused: ${e.message}`);
    throw e;
  }
}

export interface SavedBaseline {
  name: string;
  file: string;
  bytes: number;
  modified: Date;
}

/** The saved baselines, by name; leftover temp files and files that are not `<safe name>.json` are skipped. */
export async function listBaselines(root: string): Promise<SavedBaseline[]> {
  const dir = baselinesDir(root);
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return [];
    throw new BaselineStoreError(`cannot list ${dir} (${errorCode(e)})`);
  }
  const out: SavedBaseline[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const name = e.name.slice(0, -'.json'.length);
    if (baselineNameProblem(name)) continue;
    const file = path.join(dir, e.name);
    try {
      const st = await fs.stat(file);
      out.push({ name, file, bytes: st.size, modified: st.mtime });
    } catch {
      // Removed between readdir and stat: not there any more.
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
