/**
 * Exact call counts for hot spots, from V8's precise coverage (`Profiler.takePreciseCoverage` with
 * `callCount: true`). Pure: the runner reads the coverage file and the scripts' source texts.
 *
 * How a hot spot finds its coverage function: V8 places a profile's call frame at the start of the
 * function's parameters (`(n)` of `function f(n)`, `n` of `n => …`), and the inlining correction places a
 * function where its name starts in the source; a coverage function's range starts at its first token
 * (`function`, `async`, `get`, `*`, the method name, the arrow's parameters) and ends after its body. So
 * the function is the innermost coverage range that holds the hot spot's position, checked by name
 * (V8's names and the source's `Class.method` / `(anonymous)` agree as `namesAgree` says).
 *
 * What is never answered (the lookup returns undefined, shown as null):
 * - async functions and generators: V8 counts every resumption after an `await` / `yield` as an
 *   invocation, so their counts are not calls;
 * - a count of 0: a function with samples ran, so the counted run differed from the profiled one;
 * - scripts whose source text is unknown (the runner gives none when the file on disk is not the text
 *   V8 ran) and URLs without coverage (a profile moved to original sources by a build's source maps
 *   names the .ts files, while coverage names the JavaScript V8 ran). TypeScript transpiled on load by
 *   the harness is answered: its file carries the JavaScript V8 ran and the map (`mapperOf`), and each
 *   function's range is placed on the .ts lines.
 */
import { LineIndex } from '../lint/position';

export interface CoverageRange {
  /** UTF-16 offsets into the script's source, end exclusive. */
  startOffset: number;
  endOffset: number;
  count: number;
}

export interface FunctionCoverage {
  functionName: string;
  /** The first range is the whole function; more follow only with block coverage (`detailed: true`). */
  ranges: CoverageRange[];
  isBlockCoverage: boolean;
}

/** One script of `Profiler.takePreciseCoverage`'s result. */
export interface ScriptCoverage {
  scriptId?: string;
  url: string;
  functions: FunctionCoverage[];
}

/** The call-count file written next to a profile (`<profile>.coverage.json`). */
export interface CallCountFile {
  format: 'perf-lens-call-counts';
  version: 1;
  /** How many calls of the profiled function were counted: the same number as were profiled. */
  calls: number;
  /**
   * `startTime` and `endTime` of the profile these counts belong to: they tie the file to that profile
   * (a profile written again at the same path no longer matches; one remapped by source maps still does).
   */
  profile: { startTime: number; endTime: number };
  /**
   * The scripts, as V8 reported them, with the `hash` (SHA-256 of the UTF-8 source, as in
   * `Debugger.scriptParsed`) and `length` (UTF-16) of the text V8 ran, when known.
   */
  scripts: (ScriptCoverage & TranspiledScript & { hash?: string; length?: number })[];
}

/**
 * A script transpiled on load (TypeScript run by the harness): the JavaScript V8 ran, its source map to
 * the .ts, and the SHA-256 of the .ts text it was made from. Its counts are placed on the .ts lines.
 */
export interface TranspiledScript {
  source?: string;
  sourceMap?: string;
  originalHash?: string;
}

/** Maps a position of the text V8 ran (1-based line and column) to the source the user wrote. */
export type PositionMapper = (line: number, column: number) => { line: number; column: number } | undefined;

/** A call-count file that says why there are no counts (the runner reads it and removes it). */
export interface SkippedCallCountFile {
  format: 'perf-lens-call-counts';
  version: 1;
  skipped: string;
}

export type CallCountLookup = (url: string, line: number, column: number, name: string) => number | undefined;

/** 1-based line and column (UTF-16 units) of an offset into `text`; `\r\n`, `\n` and `\r` end lines. */
export function lineColumnOfOffset(text: string): (offset: number) => { line: number; column: number } {
  const index = new LineIndex(text);
  return (offset) => index.position(offset);
}

const IDENT = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Skips spaces and comments from `i`; returns the index of the next token. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      return i;
    }
  }
}

/**
 * Whether the function whose coverage range starts at `offset` is an async function or a generator
 * (V8 counts their resumptions as invocations). Errs towards true: a method named `async` or a comment
 * holding `*` before the parameters also answer true, which only costs a count.
 */
export function isResumableAt(text: string, offset: number): boolean {
  const i = skipTrivia(text, offset);
  if (text.startsWith('async', i) && !IDENT.test(text[i + 5] ?? '')) return true;
  if (text[i] === '*') return true;
  if (text.startsWith('function', i) && !IDENT.test(text[i + 8] ?? '')) return text[skipTrivia(text, i + 8)] === '*';
  // A method's name may hide a `*` only inside a computed key or a comment: look up to the parameters.
  let j = i;
  while (j < text.length && text[j] !== '(' && text[j] !== '{' && !text.startsWith('=>', j)) {
    if (text[j] === '*') return true;
    j++;
  }
  return false;
}

/**
 * Whether a hot spot's name and a coverage function's name can be the same function: equal, equal after
 * the last `.` (`Orders.total` / `total`, `exports.spin` / `spin`), a getter or setter (`get size` /
 * `Box.size`), a constructor (`Shape.constructor` / `Shape`), or either one anonymous.
 */
export function namesAgree(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/^(get|set) /, '');
  const x = strip(a);
  const y = strip(b);
  const last = (s: string) => s.slice(s.lastIndexOf('.') + 1);
  const anonymous = (s: string) => s === '' || last(s) === '(anonymous)';
  if (anonymous(x) || anonymous(y) || x === y) return true;
  if (last(x) === last(y)) return true;
  const classOfConstructor = (s: string) => {
    const parts = s.split('.');
    return parts.length >= 2 && parts[parts.length - 1] === 'constructor' ? parts[parts.length - 2] : undefined;
  };
  return classOfConstructor(x) === last(y) || classOfConstructor(y) === last(x);
}

interface Counted {
  name: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** undefined: known not to be a call count (async function, generator). */
  count: number | undefined;
}

const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);

/**
 * The lookup for `computeHotspots`' `callCount` option. `sourceOf` gives the text V8 ran for a script
 * URL (undefined when unknown: that script's functions then have no counts). Scripts that share a URL
 * (a module loaded twice) add up, as their samples do in the hot spots.
 */
export function callCountLookup(
  scripts: readonly ScriptCoverage[],
  sourceOf: (url: string) => string | undefined,
  /** For a transpiled script: generated → original positions (`sourceOf` then gives the generated text). */
  mapperOf: (url: string) => PositionMapper | undefined = () => undefined,
): CallCountLookup {
  const byUrl = new Map<string, Map<string, { fn: FunctionCoverage; count: number }>>();
  for (const script of scripts) {
    // Within one script, equal ranges are the same function reported twice (Node's wrappers): keep one.
    const own = new Map<string, { fn: FunctionCoverage; count: number }>();
    for (const fn of script.functions) {
      const r = fn.ranges[0];
      if (!r) continue;
      const key = `${r.startOffset}:${r.endOffset}`;
      const seen = own.get(key);
      if (!seen || seen.count < r.count) own.set(key, { fn, count: r.count });
    }
    let all = byUrl.get(script.url);
    if (!all) byUrl.set(script.url, (all = new Map()));
    for (const [key, v] of own) {
      const prev = all.get(key);
      all.set(key, prev ? { fn: prev.fn, count: prev.count + v.count } : v);
    }
  }

  const prepared = new Map<string, Counted[] | null>();
  const functionsOf = (url: string): Counted[] | null => {
    let list = prepared.get(url);
    if (list !== undefined) return list;
    list = null;
    const fns = byUrl.get(url);
    const text = fns ? sourceOf(url) : undefined;
    if (fns && text !== undefined) {
      const at = lineColumnOfOffset(text);
      const mapper = mapperOf(url);
      list = [];
      for (const { fn, count } of fns.values()) {
        const r = fn.ranges[0];
        if (r.startOffset < 0 || r.endOffset > text.length || r.startOffset >= r.endOffset) continue;
        let s = at(r.startOffset);
        let e = at(r.endOffset);
        if (mapper) {
          // The end is just after the closing brace: map the brace itself, then step past it.
          const start = mapper(s.line, s.column);
          const last = at(r.endOffset - 1);
          const end = mapper(last.line, last.column);
          if (!start || !end || before(end.line, end.column, start.line, start.column)) continue;
          s = start;
          e = { line: end.line, column: end.column + 1 };
        }
        list.push({
          name: fn.functionName,
          startLine: s.line,
          startColumn: s.column,
          endLine: e.line,
          endColumn: e.column,
          count: isResumableAt(text, r.startOffset) ? undefined : count,
        });
      }
    }
    prepared.set(url, list);
    return list;
  };

  const answer = (f: Counted | undefined) => (f && f.count !== undefined && f.count > 0 ? f.count : undefined);

  return (url, line, column, name) => {
    const fns = functionsOf(url);
    if (!fns) return undefined;
    // The innermost range holding the position: the latest start, then the earliest end.
    let inner: Counted | undefined;
    for (const f of fns) {
      if (before(line, column, f.startLine, f.startColumn) || !before(line, column, f.endLine, f.endColumn)) continue;
      if (
        !inner ||
        before(inner.startLine, inner.startColumn, f.startLine, f.startColumn) ||
        (inner.startLine === f.startLine && inner.startColumn === f.startColumn && before(f.endLine, f.endColumn, inner.endLine, inner.endColumn))
      ) {
        inner = f;
      }
    }
    if (inner && namesAgree(name, inner.name)) return answer(inner);
    // Tolerance: a position before the function's first token (`export default function`, another
    // tool's idea of where it starts) finds it later on the same line by name, when only one function
    // there has that name. Never an earlier function: the position is not in it, so it is not that one.
    if (name === '' || /(^|\.)\(anonymous\)$/.test(name)) return undefined;
    const sameLine = fns.filter((f) => f.startLine === line && f.startColumn > column && f.name !== '' && namesAgree(name, f.name));
    return sameLine.length === 1 ? answer(sameLine[0]) : undefined;
  };
}

/** Whether a call-count file belongs to this profile. */
export function callCountsMatch(file: CallCountFile, profile: { startTime: number; endTime: number }): boolean {
  return file.profile.startTime === profile.startTime && file.profile.endTime === profile.endTime;
}

/** The parsed call-count file, or undefined when `json` is not one (of this version). */
export function parseCallCountFile(json: unknown): CallCountFile | SkippedCallCountFile | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Partial<CallCountFile & SkippedCallCountFile>;
  if (o.format !== 'perf-lens-call-counts' || o.version !== 1) return undefined;
  if (typeof o.skipped === 'string') return { format: o.format, version: 1, skipped: o.skipped };
  if (typeof o.calls !== 'number' || typeof o.profile?.startTime !== 'number' || typeof o.profile.endTime !== 'number' || !Array.isArray(o.scripts)) return undefined;
  const scripts = o.scripts.filter(
    (s) =>
      typeof s === 'object' &&
      s !== null &&
      typeof s.url === 'string' &&
      Array.isArray(s.functions) &&
      s.functions.every(
        (f) =>
          typeof f === 'object' &&
          f !== null &&
          typeof f.functionName === 'string' &&
          Array.isArray(f.ranges) &&
          f.ranges.every((r) => typeof r?.startOffset === 'number' && typeof r.endOffset === 'number' && typeof r.count === 'number'),
      ),
  );
  if (scripts.length !== o.scripts.length) return undefined;
  return { format: o.format, version: 1, calls: o.calls, profile: { startTime: o.profile.startTime, endTime: o.profile.endTime }, scripts };
}
