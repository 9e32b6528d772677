/**
 * Source maps of the user's own build (dist/x.js with `//# sourceMappingURL=x.js.map`, or an inline
 * data: URL), applied by the parent to a written .cpuprofile: every file:// script that names a map is
 * moved to its original sources (core/profile/remap.ts) and the profile is written back in place.
 * Never fails a run: a script whose map is missing, broken or points at files that do not exist stays as
 * it is.
 */
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CpuProfile } from '../../core/profile/model';
import { type ScriptSourceMap, remapProfile } from '../../core/profile/remap';
import { parseSourceMap } from '../../core/profile/source-map';

/** Scripts (and maps) above this are not read: a map for them would cost more than it tells. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ApplySourceMapsOptions {
  /** Scripts left alone, e.g. the profiling harness (its own dev-build map would hide that it is ours). */
  skip?: (url: string) => boolean;
  /**
   * Source map URLs the running process itself reported per script URL (the preload's
   * Debugger.scriptParsed): code a tool compiled in memory (vitest, tsx) names its inline map there,
   * not in the file on disk. Used before the file's own comment.
   */
  mapUrls?: ReadonlyMap<string, string>;
}

/**
 * The URL in the last `//# sourceMappingURL=` (or `/*# … *\/`) comment of a script's text, if any. Only a
 * comment on a line of its own counts, so the string inside code (like this file's) does not.
 */
export function sourceMappingUrlOf(text: string): string | undefined {
  const re = /^[ \t]*(?:\/\/|\/\*)[#@][ \t]+sourceMappingURL=([^\s'"*]+)[ \t]*(?:\*\/)?[ \t]*$/gm;
  let last: string | undefined;
  // The comment is at the end: look at the tail first, the whole text only when a huge inline map is there.
  const tail = text.length > 4096 ? text.slice(text.lastIndexOf('\n', text.length - 4096) + 1) : text;
  for (let m = re.exec(tail); m; m = re.exec(tail)) last = m[1];
  if (last !== undefined || tail === text) return last;
  const at = text.lastIndexOf('sourceMappingURL=');
  if (at < 0) return undefined;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  re.lastIndex = 0;
  const m = re.exec(text.slice(lineStart));
  return m ? m[1] : undefined;
}

/** The JSON of a `data:application/json[;charset=…][;base64],…` URL, else undefined. */
function dataUrlText(url: string): string | undefined {
  const m = /^data:application\/json((?:;[^,;]+)*?)(;base64)?,(.*)$/is.exec(url);
  if (!m) return undefined;
  return m[2] ? Buffer.from(m[3], 'base64').toString('utf8') : decodeURIComponent(m[3]);
}

async function readSmallFile(file: string): Promise<string | undefined> {
  try {
    if ((await fs.promises.stat(file)).size > MAX_FILE_BYTES) return undefined;
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The map of one script URL, or undefined (not a local file, in node_modules, no map, a broken map). */
export async function loadScriptSourceMap(url: string, knownRef?: string): Promise<ScriptSourceMap | undefined> {
  if (url.includes('/node_modules/')) return undefined;
  let ref = knownRef;
  if (ref === undefined) {
    if (!url.startsWith('file://')) return undefined;
    let script: string;
    try {
      script = fileURLToPath(url);
    } catch {
      return undefined;
    }
    const text = await readSmallFile(script);
    if (text === undefined) return undefined;
    ref = sourceMappingUrlOf(text);
    if (ref === undefined) return undefined;
  }
  let mapText: string | undefined;
  // A script compiled in memory may be named by a plain path rather than a file: URL.
  let base = url.startsWith('/') || /^[A-Za-z]:[\\/]/.test(url) ? pathToFileURL(url).href : url;
  try {
    if (ref.startsWith('data:')) {
      mapText = dataUrlText(ref);
    } else {
      const mapUrl = new URL(ref, base);
      if (mapUrl.protocol !== 'file:') return undefined;
      mapText = await readSmallFile(fileURLToPath(mapUrl));
      base = mapUrl.href;
    }
  } catch {
    return undefined;
  }
  if (mapText === undefined) return undefined;
  let map: ScriptSourceMap['map'];
  try {
    map = parseSourceMap(mapText);
  } catch {
    return undefined;
  }
  const sourceUrl = (source: string): string => {
    try {
      // A Windows path (C:\src\x.ts) is not a URL; anything else resolves against the map.
      return /^[A-Za-z]:[\\/]/.test(source) ? pathToFileURL(source).href : new URL(source, base).href;
    } catch {
      return source;
    }
  };
  // A map whose local sources are all missing (built elsewhere, moved) would send every line nowhere.
  const local = map.sources.map(sourceUrl).filter((s) => s.startsWith('file:'));
  if (local.length > 0 && !local.some((s) => fs.existsSync(fileURLToPath(s)))) return undefined;
  return { map, sourceUrl };
}

/**
 * Remaps the profile at `file` through the source maps of its scripts and writes it back. Returns true
 * when something was remapped; false (and the file untouched) otherwise, including on any error.
 */
export async function applySourceMaps(file: string, options: ApplySourceMapsOptions = {}): Promise<boolean> {
  try {
    const profile = JSON.parse(await fs.promises.readFile(file, 'utf8')) as CpuProfile;
    if (!Array.isArray(profile.nodes)) return false;
    // One look per script, one at a time (this may run in the editor's extension host).
    const maps = new Map<string, ScriptSourceMap>();
    const seen = new Set<string>();
    for (const n of profile.nodes) {
      const url = n.callFrame?.url;
      if (typeof url !== 'string' || seen.has(url)) continue;
      seen.add(url);
      if (options.skip?.(url)) continue;
      const m = await loadScriptSourceMap(url, options.mapUrls?.get(url));
      if (m) maps.set(url, m);
    }
    if (maps.size === 0) return false;
    const remapped = remapProfile(profile, (url) => maps.get(url));
    const tmp = `${file}.remap-${process.pid}`;
    await fs.promises.writeFile(tmp, JSON.stringify(remapped));
    await fs.promises.rename(tmp, file);
    return true;
  } catch {
    return false;
  }
}
