/**
 * Source Map v3 (https://tc39.es/ecma426/): parsing, and generated position → original position.
 * Pure (runs in the webview too). Lines and columns are 0-based everywhere in this module, as in the
 * source map format itself and in a CPU profile's callFrame.
 *
 * Decoding and lookups are `@jridgewell/trace-mapping`'s (the decoder Babel, Vite, Jest and esbuild's
 * ecosystem share; index maps with `sections` are flattened by its `FlattenMap`). This module adds what
 * our callers rely on: one-sentence `SourceMapError`s for a map that cannot be used, sources named as the
 * map lists them (with `sourceRoot` applied, not resolved against any URL: callers resolve them), and the
 * map's `ignoreList`.
 */
import { FlattenMap, TraceMap, decodedMappings, traceSegment } from '@jridgewell/trace-mapping';

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
  /** The map's `ignoreList` names this source (library or generated code a debugger steps over). */
  ignored?: true;
}

/** A parsed source map (a plain map or an index map with `sections`). */
export interface SourceMap {
  readonly file?: string;
  /** Every source of the map (of all sections), with sourceRoot applied. */
  readonly sources: readonly string[];
  /** The sources the map's `ignoreList` (or `x_google_ignoreList`) names, as in `sources`. */
  readonly ignoredSources: ReadonlySet<string>;
  /** @internal The decoded map (sections flattened). */
  readonly trace: TraceMap;
  /** @internal Per source index of `trace`: the source with sourceRoot applied (null where the map lists null). */
  readonly sourceAt: readonly (string | null)[];
  /** @internal Per source index of `trace`: 1 when ignore-listed. */
  readonly ignoredAt: Uint8Array;
}

/** One map without sections, checked, before flattening. */
interface FlatMap {
  trace: TraceMap;
  sources: (string | null)[];
  ignored: number[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** How many generated lines the map describes (lines after its last mapped line are not counted). */
export function generatedLineCount(map: SourceMap): number {
  return decodedMappings(map.trace).length;
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
  const flat = parseFlat(json);
  return finish(file, flat.trace, [flat], (s) => s);
}

function parseIndexMap(raw: unknown, file: string | undefined): SourceMap {
  if (!Array.isArray(raw)) throw new SourceMapError('"sections" must be a list');
  const sections: { offset: { line: number; column: number }; map: TraceMap }[] = [];
  const flats: FlatMap[] = [];
  for (const [i, s] of raw.entries()) {
    if (!isObject(s) || !isObject(s.offset) || typeof s.offset.line !== 'number' || typeof s.offset.column !== 'number') {
      throw new SourceMapError(`section ${i} has no numeric "offset" { line, column }`);
    }
    if (s.url !== undefined) throw new SourceMapError(`section ${i} refers to another map by "url", which is not supported`);
    if (!isObject(s.map)) throw new SourceMapError(`section ${i} has no "map"`);
    if (s.map.sections !== undefined) throw new SourceMapError(`section ${i} is itself an index map, which the format does not allow`);
    const prev = sections[sections.length - 1];
    const { line, column } = s.offset as { line: number; column: number };
    if (prev && (line < prev.offset.line || (line === prev.offset.line && column < prev.offset.column))) {
      throw new SourceMapError(`section ${i} starts before the section above it`);
    }
    let flat: FlatMap;
    try {
      flat = parseFlat(s.map);
    } catch (e) {
      throw new SourceMapError(`section ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
    flats.push(flat);
    sections.push({ offset: { line, column }, map: flat.trace });
  }
  // FlattenMap lists the sources (and names) of the sections one after the other, as `flats` does.
  let trace: TraceMap;
  try {
    trace = FlattenMap({ version: 3, file, sections });
  } catch (e) {
    throw new SourceMapError(`the sections cannot be combined (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  return finish(file, trace, flats, (sources) => [...new Set(sources)]);
}

function finish(file: string | undefined, trace: TraceMap, flats: FlatMap[], unique: (s: string[]) => string[]): SourceMap {
  const sourceAt = flats.flatMap((f) => f.sources);
  const ignoredAt = new Uint8Array(sourceAt.length);
  let base = 0;
  for (const f of flats) {
    for (const i of f.ignored) ignoredAt[base + i] = 1;
    base += f.sources.length;
  }
  const ignoredSources = new Set<string>();
  sourceAt.forEach((s, i) => {
    if (s !== null && ignoredAt[i]) ignoredSources.add(s);
  });
  const sources = unique(sourceAt.filter((s): s is string => s !== null));
  return { file, sources, ignoredSources, trace, sourceAt, ignoredAt };
}

function parseFlat(json: Record<string, unknown>): FlatMap {
  if (!Array.isArray(json.sources) || !json.sources.every((s) => typeof s === 'string' || s === null)) {
    throw new SourceMapError('"sources" must be a list of strings');
  }
  if (typeof json.mappings !== 'string') throw new SourceMapError('"mappings" must be a string');
  const names = json.names ?? [];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new SourceMapError('"names" must be a list of strings');
  // trace-mapping's decoder reads any text; a character outside base64 and the separators means a broken map.
  const bad = /[^A-Za-z0-9+/,;]/.exec(json.mappings);
  if (bad) throw new SourceMapError(`"mappings" holds an invalid character ${JSON.stringify(bad[0])} at offset ${bad.index}`);
  const root = typeof json.sourceRoot === 'string' ? json.sourceRoot : '';
  const rawSources = json.sources as (string | null)[];
  const sources = rawSources.map((s) => (s === null ? null : withRoot(root, s)));
  // ignoreList (x_google_ignoreList before it was standard): indices into sources. Entries that are not
  // such an index are left out rather than failing a map that is otherwise fine.
  const list = Array.isArray(json.ignoreList) ? json.ignoreList : Array.isArray(json.x_google_ignoreList) ? json.x_google_ignoreList : [];
  const ignored = list.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < sources.length);
  let trace: TraceMap;
  try {
    trace = new TraceMap({ version: 3, names: names as string[], sources: rawSources, mappings: json.mappings, ignoreList: ignored });
  } catch (e) {
    throw new SourceMapError(`the source map cannot be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  checkMappings(trace, sources.length, names.length);
  return { trace, sources, ignored };
}

/** Decodes the mappings (once: trace-mapping keeps them) and checks that every segment points at something the map lists. */
function checkMappings(trace: TraceMap, sourceCount: number, nameCount: number): void {
  const lines = decodedMappings(trace);
  for (const segments of lines) {
    for (const seg of segments) {
      if (seg[0] < 0) throw new SourceMapError('a generated column in "mappings" is negative');
      if (seg.length === 1) continue;
      if (seg[1] < 0 || seg[1] >= sourceCount) throw new SourceMapError(`"mappings" refer to source ${seg[1]}, which the map does not list`);
      if (seg[2] < 0 || seg[3] < 0) throw new SourceMapError('"mappings" hold a negative original line or column');
      if (seg.length === 5 && (seg[4] < 0 || seg[4] >= nameCount)) throw new SourceMapError(`"mappings" refer to name ${seg[4]}, which the map does not list`);
    }
  }
}

/** `sourceRoot` + source, unless the source is absolute (a URL or a path from the root). */
function withRoot(root: string, source: string): string {
  if (root === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(source) || source.startsWith('/')) return source;
  return root.endsWith('/') ? root + source : `${root}/${source}`;
}

type Segment = readonly number[];

function positionOf(map: SourceMap, seg: Segment): OriginalPosition | undefined {
  if (seg.length < 4) return undefined;
  const source = map.sourceAt[seg[1]];
  if (source === null || source === undefined) return undefined;
  const pos: OriginalPosition = { source, line: seg[2], column: seg[3] };
  if (seg.length === 5) pos.name = map.trace.names[seg[4]];
  if (map.ignoredAt[seg[1]]) pos.ignored = true;
  return pos;
}

/**
 * The original position of a generated one (0-based line and column): the mapping segment at or left of
 * the column on that line. Undefined when the line has no such segment or the segment maps to no source.
 */
export function originalPositionFor(map: SourceMap, line: number, column: number): OriginalPosition | undefined {
  if (!Number.isInteger(line) || line < 0 || !(column >= 0)) return undefined;
  const seg = traceSegment(map.trace, line, column);
  return seg ? positionOf(map, seg) : undefined;
}

/**
 * The original position of a whole generated line (0-based): its first segment that maps to a source not
 * on the map's `ignoreList`, else its first segment that maps to any source. For what carries only a
 * line, like a CPU profile's position ticks: in a minified bundle one line holds library and user code,
 * and the time of that line is not the ignore-listed library's as long as the line holds other code.
 */
export function originalPositionForLine(map: SourceMap, line: number): OriginalPosition | undefined {
  if (!Number.isInteger(line) || line < 0) return undefined;
  const lines = decodedMappings(map.trace);
  if (line >= lines.length) return undefined;
  let ignored: OriginalPosition | undefined;
  for (const seg of lines[line]) {
    const pos = positionOf(map, seg);
    if (!pos) continue;
    if (!pos.ignored) return pos;
    ignored ??= pos;
  }
  return ignored;
}
