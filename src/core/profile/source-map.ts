/**
 * Source Map v3 (https://tc39.es/ecma426/): parsing, and generated position → original position.
 * Pure (runs in the webview too). Lines and columns are 0-based everywhere in this module, as in the
 * source map format itself and in a CPU profile's callFrame.
 *
 * The decoder is our own (about a hundred lines, no dependency): mappings are decoded once into flat
 * Int32Arrays, five numbers per segment, so that a large bundle's map costs little memory and a lookup is
 * a binary search within one line.
 */

/** A map that cannot be used, with one sentence saying why. */
export class SourceMapError extends Error {}

/** Where a generated position came from. `source` is as listed in the map, with `sourceRoot` applied. */
export interface OriginalPosition {
  source: string;
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
  name?: string;
}

/** One decoded map without sections. */
interface FlatMap {
  /** Sources with sourceRoot applied; null where the map lists null. */
  sources: (string | null)[];
  names: string[];
  /** Per segment: generated column, source index, original line, original column, name index (-1: none). */
  segments: Int32Array;
  /** Segments of generated line L are [lineStart[L], lineStart[L + 1]) (in segment units). */
  lineStart: Int32Array;
}

interface Section {
  line: number;
  column: number;
  map: FlatMap;
}

/** A parsed source map: a plain map is one section at offset 0:0. */
export interface SourceMap {
  readonly file?: string;
  /** Every source of the map (of all sections), with sourceRoot applied. */
  readonly sources: readonly string[];
  /** @internal */
  readonly sections: readonly Section[];
}

const FIELDS = 5;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** How many generated lines the map describes (lines after its last mapped line are not counted). */
export function generatedLineCount(map: SourceMap): number {
  let n = 0;
  for (const s of map.sections) n = Math.max(n, s.line + s.map.lineStart.length - 1);
  return n;
}

/** Parses a source map from its JSON text or from the parsed object. Throws SourceMapError (one sentence). */
export function parseSourceMap(input: string | unknown): SourceMap {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      // A map may start with the XSSI guard `)]}'` on its own line.
      json = JSON.parse(input.startsWith(")]}'") ? input.slice(input.indexOf('\n') + 1) : input);
    } catch (e) {
      throw new SourceMapError(`the source map is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
  }
  if (!isObject(json)) throw new SourceMapError('the source map is not a JSON object');
  if (json.version !== 3) throw new SourceMapError(`only version 3 source maps are supported (this one says ${JSON.stringify(json.version)})`);
  const file = typeof json.file === 'string' ? json.file : undefined;
  if (json.sections !== undefined) return parseIndexMap(json.sections, file);
  const map = parseFlat(json);
  return { file, sources: map.sources.filter((s): s is string => s !== null), sections: [{ line: 0, column: 0, map }] };
}

function parseIndexMap(raw: unknown, file: string | undefined): SourceMap {
  if (!Array.isArray(raw)) throw new SourceMapError('"sections" must be a list');
  const sections: Section[] = [];
  for (const [i, s] of raw.entries()) {
    if (!isObject(s) || !isObject(s.offset) || typeof s.offset.line !== 'number' || typeof s.offset.column !== 'number') {
      throw new SourceMapError(`section ${i} has no numeric "offset" { line, column }`);
    }
    if (s.url !== undefined) throw new SourceMapError(`section ${i} refers to another map by "url", which is not supported`);
    if (!isObject(s.map)) throw new SourceMapError(`section ${i} has no "map"`);
    if (s.map.sections !== undefined) throw new SourceMapError(`section ${i} is itself an index map, which the format does not allow`);
    const prev = sections[sections.length - 1];
    const { line, column } = s.offset as { line: number; column: number };
    if (prev && (line < prev.line || (line === prev.line && column < prev.column))) throw new SourceMapError(`section ${i} starts before the section above it`);
    let map: FlatMap;
    try {
      map = parseFlat(s.map);
    } catch (e) {
      throw new SourceMapError(`section ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
    sections.push({ line, column, map });
  }
  const sources = [...new Set(sections.flatMap((s) => s.map.sources.filter((x): x is string => x !== null)))];
  return { file, sources, sections };
}

function parseFlat(json: Record<string, unknown>): FlatMap {
  if (!Array.isArray(json.sources) || !json.sources.every((s) => typeof s === 'string' || s === null)) {
    throw new SourceMapError('"sources" must be a list of strings');
  }
  if (typeof json.mappings !== 'string') throw new SourceMapError('"mappings" must be a string');
  const names = json.names ?? [];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new SourceMapError('"names" must be a list of strings');
  const root = typeof json.sourceRoot === 'string' ? json.sourceRoot : '';
  const sources = (json.sources as (string | null)[]).map((s) => (s === null ? null : withRoot(root, s)));
  const { segments, lineStart } = decodeMappings(json.mappings, sources.length, names.length);
  return { sources, names: names as string[], segments, lineStart };
}

/** `sourceRoot` + source, unless the source is absolute (a URL or a path from the root). */
function withRoot(root: string, source: string): string {
  if (root === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(source) || source.startsWith('/')) return source;
  return root.endsWith('/') ? root + source : `${root}/${source}`;
}

/**
 * Decodes the VLQ `mappings` string. Each segment is 1, 4 or 5 base64-VLQ numbers: the generated column
 * (relative to the previous segment of the same line), then source index, original line, original column
 * and name index (each relative to the previous segment that had one, across lines).
 */
export function decodeMappings(mappings: string, sourceCount = Infinity, nameCount = Infinity): { segments: Int32Array; lineStart: Int32Array } {
  // Upper bound of segments: every segment has at least one character.
  let segments = new Int32Array(Math.max(FIELDS, Math.min(mappings.length, 1 << 20) * FIELDS));
  const lineStarts: number[] = [0];
  let count = 0;
  let genCol = 0;
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  let name = 0;
  let lineFirst = 0;
  let sorted = true;
  const fields = [0, 0, 0, 0, 0];
  const n = mappings.length;
  let i = 0;
  const endLine = (): void => {
    if (!sorted) sortLine(segments, lineFirst, count);
    lineStarts.push(count);
    lineFirst = count;
    genCol = 0;
    sorted = true;
  };
  while (i <= n) {
    if (i === n) {
      endLine();
      break;
    }
    const c = mappings.charCodeAt(i);
    if (c === 59 /* ; */) {
      endLine();
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    // One segment: read VLQ numbers up to the next ',' or ';'.
    let k = 0;
    while (i < n) {
      const d = mappings.charCodeAt(i);
      if (d === 44 || d === 59) break;
      if (k === 5) throw new SourceMapError(`a segment of "mappings" has more than 5 fields (at offset ${i})`);
      let value = 0;
      let shift = 0;
      for (;;) {
        if (i >= n) throw new SourceMapError('"mappings" ends in the middle of a number');
        const ch = mappings.charCodeAt(i++);
        const digit = ch < 128 ? DIGIT[ch] : -1;
        if (digit < 0) throw new SourceMapError(`"mappings" holds an invalid character ${JSON.stringify(mappings[i - 1])} at offset ${i - 1}`);
        value += (digit & 31) * 2 ** shift;
        shift += 5;
        if ((digit & 32) === 0) break;
        if (shift >= 35) throw new SourceMapError(`a number in "mappings" is too long (at offset ${i})`);
      }
      const v = value % 2 === 1 ? -Math.floor(value / 2) : value / 2;
      if (Math.abs(v) > 0x7fffffff) throw new SourceMapError(`a number in "mappings" is too large (before offset ${i})`);
      fields[k++] = v;
    }
    if (k !== 1 && k !== 4 && k !== 5) throw new SourceMapError(`a segment of "mappings" has ${k} fields; 1, 4 or 5 are allowed (before offset ${i})`);
    const prevCol = genCol;
    genCol += fields[0];
    if (genCol < prevCol) sorted = false;
    if (genCol < 0) throw new SourceMapError(`a generated column in "mappings" is negative (before offset ${i})`);
    if ((count + 1) * FIELDS > segments.length) {
      const bigger = new Int32Array(segments.length * 2);
      bigger.set(segments);
      segments = bigger;
    }
    const o = count * FIELDS;
    segments[o] = genCol;
    if (k >= 4) {
      src += fields[1];
      srcLine += fields[2];
      srcCol += fields[3];
      if (src < 0 || src >= sourceCount) throw new SourceMapError(`"mappings" refer to source ${src}, which the map does not list`);
      if (srcLine < 0 || srcCol < 0) throw new SourceMapError(`"mappings" hold a negative original line or column (before offset ${i})`);
      segments[o + 1] = src;
      segments[o + 2] = srcLine;
      segments[o + 3] = srcCol;
      if (k === 5) {
        name += fields[4];
        if (name < 0 || name >= nameCount) throw new SourceMapError(`"mappings" refer to name ${name}, which the map does not list`);
        segments[o + 4] = name;
      } else {
        segments[o + 4] = -1;
      }
    } else {
      segments[o + 1] = -1;
      segments[o + 2] = -1;
      segments[o + 3] = -1;
      segments[o + 4] = -1;
    }
    count++;
  }
  return { segments: segments.slice(0, count * FIELDS), lineStart: Int32Array.from(lineStarts) };
}

/** The format allows a line's segments in any order; lookups need them by generated column. */
function sortLine(segments: Int32Array, from: number, to: number): void {
  const rows: number[][] = [];
  for (let s = from; s < to; s++) rows.push(Array.from(segments.subarray(s * FIELDS, (s + 1) * FIELDS)));
  rows.sort((a, b) => a[0] - b[0]);
  rows.forEach((r, j) => segments.set(r, (from + j) * FIELDS));
}

function positionOf(map: FlatMap, seg: number): OriginalPosition | undefined {
  const o = seg * FIELDS;
  const src = map.segments[o + 1];
  if (src < 0) return undefined;
  const source = map.sources[src];
  if (source === null || source === undefined) return undefined;
  const nameIndex = map.segments[o + 4];
  const pos: OriginalPosition = { source, line: map.segments[o + 2], column: map.segments[o + 3] };
  if (nameIndex >= 0) pos.name = map.names[nameIndex];
  return pos;
}

/** Last segment of `line` whose generated column is ≤ `column`, or -1. */
function segmentAt(map: FlatMap, line: number, column: number): number {
  if (line < 0 || line + 1 >= map.lineStart.length) return -1;
  let lo = map.lineStart[line];
  let hi = map.lineStart[line + 1] - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map.segments[mid * FIELDS] <= column) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The section holding a generated position, with the position made relative to it. */
function sectionAt(map: SourceMap, line: number, column: number): { map: FlatMap; line: number; column: number } | undefined {
  let at: Section | undefined;
  for (const s of map.sections) {
    if (s.line < line || (s.line === line && s.column <= column)) at = s;
    else break;
  }
  if (!at) return undefined;
  return { map: at.map, line: line - at.line, column: line === at.line ? column - at.column : column };
}

/**
 * The original position of a generated one (0-based line and column): the mapping segment at or left of
 * the column on that line. Undefined when the line has no such segment or the segment maps to no source.
 */
export function originalPositionFor(map: SourceMap, line: number, column: number): OriginalPosition | undefined {
  const s = sectionAt(map, line, column);
  if (!s) return undefined;
  const seg = segmentAt(s.map, s.line, s.column);
  return seg < 0 ? undefined : positionOf(s.map, seg);
}

/**
 * The original position of a whole generated line (0-based): its first segment that maps to a source.
 * For what carries only a line, like a CPU profile's position ticks.
 */
export function originalPositionForLine(map: SourceMap, line: number): OriginalPosition | undefined {
  for (const sec of map.sections) {
    if (sec.line > line) break;
    const rel = line - sec.line;
    if (rel + 1 >= sec.map.lineStart.length) continue;
    // A later section starting on this same line covers the rest of it; its segments come after ours.
    for (let seg = sec.map.lineStart[rel]; seg < sec.map.lineStart[rel + 1]; seg++) {
      const pos = positionOf(sec.map, seg);
      if (pos) return pos;
    }
  }
  return undefined;
}
