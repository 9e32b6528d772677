/**
 * The code entries of V8's `--prof` log (as `node --prof-process --preprocess` writes them, and as 0x
 * and clinic flame keep them per sample) turned into call frames: JavaScript names carry their place
 * (`fib /app/hot.js:3:13`), the rest are native (C++, shared libraries, V8 builtins and stubs).
 */
import type { CallFrame } from '../model';

/** One entry of the log's `code` list (or one frame of a 0x / clinic stack). Other fields are ignored. */
export interface V8CodeEntry {
  name: string;
  /** `JS`, `CODE`, `CPP`, `SHARED_LIB`. */
  type: string;
  /** `Opt`, `Unopt`, `Sparkplug`, `Maglev`, `Builtin`, `BytecodeHandler`, `Stub`, `RegExp`... */
  kind?: string;
}

export const isV8CodeEntry = (x: unknown): x is V8CodeEntry =>
  typeof x === 'object' && x !== null && typeof (x as V8CodeEntry).name === 'string' && typeof (x as V8CodeEntry).type === 'string';

/**
 * `name /path/to/file.js:12:3`: the location is the last `:line:column` (or `:line`, older V8) after the
 * first space that starts a path or URL, so names with spaces (`get total`) and paths with spaces both work.
 */
const LOCATED = /^(.*?) ((?:\/|[A-Za-z]:[\\/]|\\\\|[a-z][a-z0-9+.-]*:)[^]*?):(\d+)(?::(\d+))?$/;
const ANY_LOCATED = /^(.*) ([^ ]+?):(\d+)(?::(\d+))?$/;
/** Optimisation-tier markers older V8 versions put before a name: `*` optimized, `~` interpreted, `^` baseline, `+` Maglev. */
const TIER_MARKER = /^[*~^+]+/;

export interface ParsedJsName {
  functionName: string;
  /** As V8 wrote it: a path, `node:internal/...`, or a URL. */
  location: string;
  /** 1-based. */
  line: number;
  /** 1-based; 0 when V8 gave none. */
  column: number;
}

/** Splits a JavaScript code name; undefined when it has no `:line` place (eval without a name, wasm). */
export function parseJsName(name: string): ParsedJsName | undefined {
  const m = LOCATED.exec(name) ?? ANY_LOCATED.exec(name);
  if (!m) return undefined;
  return { functionName: m[1].replace(TIER_MARKER, ''), location: m[2], line: Number(m[3]), column: m[4] === undefined ? 0 : Number(m[4]) };
}

/** A path as the `file://` URL a `.cpuprofile` would hold (so source lookups work the same); others unchanged. */
export function urlOfLocation(location: string): string {
  const encode = (p: string) => p.split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/');
  if (location.startsWith('/')) return `file://${encode(location)}`;
  if (/^[A-Za-z]:[\\/]/.test(location)) return `file:///${encode(location.replace(/\\/g, '/'))}`;
  return location;
}

/** Frames of 0x's own preload scripts (it runs them in the profiled process): never the user's time. */
export function isZeroXInstrumentation(frame: CallFrame): boolean {
  return /[\\/]0x[\\/]lib[\\/]preload[\\/]/.test(frame.url);
}

/**
 * A code entry as a call frame. JavaScript with a place: its name, `file://` URL and 0-based line and
 * column (V8's function position, as in a `.cpuprofile`). Everything else has no URL and says what it
 * is, as 0x labels it: `Builtin: ArrayPrototypePush` → `ArrayPrototypePush [Builtin]`, `memcpy [CPP]`.
 */
export function callFrameOfCode(code: V8CodeEntry): CallFrame {
  if (code.type === 'JS') {
    const parsed = parseJsName(code.name);
    if (parsed) {
      return {
        functionName: parsed.functionName,
        scriptId: '0',
        url: urlOfLocation(parsed.location),
        lineNumber: parsed.line - 1,
        columnNumber: Math.max(0, parsed.column - 1),
      };
    }
  }
  const name = code.name.replace(TIER_MARKER, '').trim() || '(anonymous)';
  const what = code.type === 'CODE' && code.kind ? code.kind : code.type === 'JS' ? 'JS' : code.type;
  return { functionName: `${name} [${what}]`, scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };
}
