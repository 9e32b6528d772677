/**
 * The call-count file next to a profile (`<profile>.coverage.json`, written by the harness's counting
 * pass, count-calls.ts) read back into the `callCount` lookup of computeHotspots. Each script's source
 * is read from disk and used only when it is the very text V8 ran (same SHA-256 as V8's script hash, the
 * harness's arguments evaluator appended or not): a file changed since the run gets no counts. A
 * TypeScript file transpiled on load is counted in the JavaScript V8 ran, which the file carries with its
 * source map, while the .ts is the text transpiled.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MODULE_SCOPE_EVALUATOR } from './args-expression';
import { type CallCountFile, type CallCountLookup, type PositionMapper, callCountLookup, callCountsMatch, parseCallCountFile } from '../../core/profile/call-counts';
import { originalPositionFor, parseSourceMap } from '../../core/profile/source-map';

/** Sources above this size are not read (a lookup into them is not worth the memory). */
const MAX_SOURCE_BYTES = 50_000_000;

/** Where the call counts of a profile go: `<profile>.coverage.json`. */
export function callCountsPath(profilePath: string): string {
  return `${profilePath}.coverage.json`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * After a run: the call-count file when the counting pass wrote one, else the reason it gives (the
 * "skipped" file is removed: it holds nothing else). Neither when there is no file at all.
 */
export function settleCallCounts(profilePath: string): { coveragePath?: string; callCountsNote?: string } {
  const file = callCountsPath(profilePath);
  if (!fs.existsSync(file)) return {};
  const parsed = parseCallCountFile(readJson(file));
  if (parsed && 'scripts' in parsed) return { coveragePath: file };
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Left behind, it is still ignored: it has no counts.
  }
  return { callCountsNote: parsed && 'skipped' in parsed ? parsed.skipped : 'the call-count file was unreadable' };
}

/** Removes the call counts of an earlier run that wrote the same profile path. */
export function removeCallCounts(profilePath: string): void {
  try {
    fs.rmSync(callCountsPath(profilePath), { force: true });
  } catch {
    // A file that cannot be removed no longer matches the new profile's size, and is ignored.
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The text V8 ran for a script, when the file on disk is that text (with or without its BOM). */
function verifiedSource(url: string, script: { hash?: string; length?: number }): string | undefined {
  if (!script.hash) return undefined;
  let text: string;
  try {
    const file = fileURLToPath(url);
    if (fs.statSync(file).size > MAX_SOURCE_BYTES) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // A CommonJS target profiled with an arguments expression ran with the evaluator appended.
  const candidates = (text.charCodeAt(0) === 0xfeff ? [text, text.slice(1)] : [text]).flatMap((t) => [t, `${t}${MODULE_SCOPE_EVALUATOR}`]);
  return candidates.find((t) => (script.length === undefined || t.length === script.length) && sha256(t) === script.hash);
}

/**
 * The `callCount` lookup for a profile read from `profilePath`, from its call-count file (default
 * `<profile>.coverage.json`); undefined when there is none, or it belongs to another profile.
 */
export function callCountLookupFor(
  profile: { startTime: number; endTime: number },
  profilePath: string,
  file = callCountsPath(profilePath),
): CallCountLookup | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = parseCallCountFile(readJson(file));
  if (!parsed || !('scripts' in parsed) || !callCountsMatch(parsed, profile)) return undefined;
  return callCountLookup(parsed.scripts, sourcesOf(parsed), mappersOf(parsed));
}

/**
 * Scripts transpiled on load (TypeScript run by the harness): V8's counts are of the JavaScript it ran,
 * which the file carries with its source map. They are placed on the .ts lines when the .ts on disk is
 * still the text that was transpiled (its SHA-256), and every script of that URL was transpiled alike.
 */
function transpiledOf(file: CallCountFile, url: string): { source: string; map: string } | undefined {
  const scripts = file.scripts.filter((x) => x.url === url);
  const first = scripts[0];
  if (!first?.source || !first.sourceMap || !first.originalHash) return undefined;
  if (scripts.some((x) => x.source !== first.source || x.sourceMap !== first.sourceMap)) return undefined;
  let text: string;
  try {
    const f = fileURLToPath(url);
    if (fs.statSync(f).size > MAX_SOURCE_BYTES) return undefined;
    text = fs.readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
  return sha256(text) === first.originalHash ? { source: first.source, map: first.sourceMap } : undefined;
}

function mappersOf(file: CallCountFile): (url: string) => PositionMapper | undefined {
  const cache = new Map<string, PositionMapper | undefined>();
  return (url) => {
    if (cache.has(url)) return cache.get(url);
    let mapper: PositionMapper | undefined;
    const t = transpiledOf(file, url);
    if (t) {
      try {
        const map = parseSourceMap(t.map);
        mapper = (line, column) => {
          const o = originalPositionFor(map, line - 1, column - 1);
          return o ? { line: o.line + 1, column: o.column + 1 } : undefined;
        };
      } catch {
        mapper = undefined;
      }
    }
    cache.set(url, mapper);
    return mapper;
  };
}

/** Per URL, the verified source; a URL with any script whose source does not verify has none. */
function sourcesOf(file: CallCountFile): (url: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (url) => {
    if (cache.has(url)) return cache.get(url);
    let text: string | undefined;
    const transpiled = transpiledOf(file, url);
    if (transpiled) {
      cache.set(url, transpiled.source);
      return transpiled.source;
    }
    for (const s of file.scripts.filter((x) => x.url === url)) {
      const t = verifiedSource(url, s);
      if (t === undefined || (text !== undefined && t !== text)) {
        text = undefined;
        break;
      }
      text = t;
    }
    cache.set(url, text);
    return text;
  };
}
