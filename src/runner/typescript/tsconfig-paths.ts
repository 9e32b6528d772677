/**
 * tsconfig.json `paths` and `baseUrl` for bare specifiers Node could not resolve, as TypeScript resolves
 * them: the nearest tsconfig.json of the importing file (its `extends` chain merged, relative or from a
 * package such as `@tsconfig/node20/tsconfig.json`), `paths` relative to `baseUrl` when set, else to the
 * tsconfig that declares `paths`; patterns with one `*`, an exact key first, then the longest prefix;
 * each substitution in order; then `baseUrl` alone (`baseUrl/specifier`). Each candidate is a file (with
 * TypeScript's extensions), a folder with package.json types/main, or a folder's index.
 *
 * Precedence: Node first. These mappings are only tried for a bare specifier Node itself did not resolve
 * (called from the require hook and the ESM resolve hook when resolution failed), so a package in
 * node_modules wins over a mapping of the same name, as in the TypeScript runtime loaders tsx and ts-node;
 * tsc itself would try `paths` first.
 *
 * No `typescript` here (the harness bundle stays small): tsconfig.json is read with a small JSONC reader
 * (comments, trailing commas). Configurations are cached per folder; one that cannot be read or parsed
 * maps nothing and never throws, and `explain` gives the sentence for the error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

/** The merged `baseUrl` / `paths` of one tsconfig.json (with its `extends`). */
export interface PathsConfig {
  /** The tsconfig.json the importing file belongs to. */
  file: string;
  /** Absolute `baseUrl`, when one of the chain sets it. */
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** The folder of the tsconfig.json that declares `paths` (their base when there is no `baseUrl`). */
  pathsBase?: string;
  /** Why the configuration (or one it extends) could not be read, in a few words. */
  problem?: string;
}

/**
 * JSON with comments and trailing commas (what tsconfig.json is) → a value. Throws a SyntaxError as
 * JSON.parse does when the text is not JSONC.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out += ' ';
    } else if (c === ',') {
      // A trailing comma: the next thing that is not space or a comment closes the object or array.
      let j = i + 1;
      for (;;) {
        while (j < n && /\s/.test(text[j])) j++;
        if (text[j] === '/' && text[j + 1] === '/') {
          while (j < n && text[j] !== '\n') j++;
        } else if (text[j] === '/' && text[j + 1] === '*') {
          const end = text.indexOf('*/', j + 2);
          j = end < 0 ? n : end + 2;
        } else break;
      }
      if (text[j] !== '}' && text[j] !== ']') out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

interface RawConfig {
  extends?: unknown;
  compilerOptions?: { baseUrl?: unknown; paths?: unknown };
}

/** The file an `extends` entry names, or undefined when it cannot be found. */
function extendsFile(spec: string, fromFile: string): string | undefined {
  const dir = path.dirname(fromFile);
  const isFile = (f: string) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  };
  if (/^(\.{1,2}([\\/]|$)|\/|[A-Za-z]:[\\/])/.test(spec)) {
    const f = path.resolve(dir, spec);
    for (const c of [f, `${f}.json`]) if (isFile(c)) return c;
    return undefined;
  }
  // A package: `@tsconfig/node20/tsconfig.json`, `pkg/base` (→ base.json), or `pkg` (its tsconfig.json).
  const req = createRequire(fromFile);
  for (const c of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return req.resolve(c);
    } catch {
      // the next form
    }
  }
  return undefined;
}

/** One tsconfig.json with what it extends merged under it (later entries of an `extends` array win). */
function readConfig(file: string, seen: Set<string>): PathsConfig {
  const config: PathsConfig = { file };
  if (seen.has(file)) return { ...config, problem: `${file} extends itself` };
  seen.add(file);
  let raw: RawConfig;
  try {
    raw = (parseJsonc(fs.readFileSync(file, 'utf8')) ?? {}) as RawConfig;
  } catch (e) {
    return { ...config, problem: `${file} could not be read (${(e as Error).message.split('\n')[0]})` };
  }
  const bases = typeof raw.extends === 'string' ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends.filter((x): x is string => typeof x === 'string') : [];
  for (const spec of bases) {
    const baseFile = extendsFile(spec, file);
    if (baseFile === undefined) {
      config.problem ??= `${file} extends "${spec}", which was not found`;
      continue;
    }
    const base = readConfig(baseFile, seen);
    if (base.baseUrl !== undefined) config.baseUrl = base.baseUrl;
    if (base.paths !== undefined) {
      config.paths = base.paths;
      config.pathsBase = base.pathsBase;
    }
    config.problem ??= base.problem;
  }
  const options = raw.compilerOptions;
  if (options && typeof options === 'object') {
    if (typeof options.baseUrl === 'string') config.baseUrl = path.resolve(path.dirname(file), options.baseUrl);
    if (options.paths && typeof options.paths === 'object') {
      const paths: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(options.paths as Record<string, unknown>)) {
        if (Array.isArray(v)) paths[k] = v.filter((x): x is string => typeof x === 'string');
      }
      config.paths = paths;
      config.pathsBase = path.dirname(file);
    }
  }
  return config;
}

const configs = new Map<string, PathsConfig | null>();

/** The configuration of the nearest tsconfig.json at or above `dir` (cached per folder); null when there is none. */
export function pathsConfigOf(dir: string): PathsConfig | null {
  const cached = configs.get(dir);
  if (cached !== undefined) return cached;
  const file = path.join(dir, 'tsconfig.json');
  let config: PathsConfig | null;
  if (fs.existsSync(file)) config = readConfig(file, new Set());
  else {
    const parent = path.dirname(dir);
    config = parent === dir ? null : pathsConfigOf(parent);
  }
  configs.set(dir, config);
  return config;
}

/** Forgets every configuration read (tests). */
export function clearPathsCache(): void {
  configs.clear();
}

/** A specifier `paths` and `baseUrl` apply to: not relative, not absolute, not a URL or `node:` builtin. */
export function isBareSpecifier(specifier: string): boolean {
  return specifier !== '' && !/^(\.{1,2}([\\/]|$)|[\\/]|[A-Za-z]:[\\/]|[A-Za-z][A-Za-z0-9+.-]*:)/.test(specifier);
}

/**
 * The substitutions of `paths` for `specifier`, `*` replaced, in the order to try: the key equal to the
 * specifier when there is one, else the pattern with one `*` and the longest prefix (then the longest
 * suffix) that matches. Empty when nothing matches. Keys with more than one `*` are ignored, as
 * TypeScript does.
 */
export function matchPaths(specifier: string, paths: Record<string, string[]>): string[] {
  if (Object.prototype.hasOwnProperty.call(paths, specifier) && !specifier.includes('*')) return paths[specifier];
  let best: { prefix: string; suffix: string; key: string } | undefined;
  for (const key of Object.keys(paths)) {
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length || (prefix.length === best.prefix.length && suffix.length > best.suffix.length)) best = { prefix, suffix, key };
  }
  if (!best) return [];
  const matched = specifier.slice(best.prefix.length, specifier.length - best.suffix.length);
  return paths[best.key].filter((s) => s.indexOf('*') === s.lastIndexOf('*')).map((s) => s.replace('*', matched));
}

/** Extensions tried after a candidate path, in TypeScript's order (its own first, then JavaScript). */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
/** A declaration file has no code to run. */
const DECLARATION = /\.d\.([cm]?ts|[^.]+\.ts)$/i;

function isFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

function isDir(f: string): boolean {
  try {
    return fs.statSync(f).isDirectory();
  } catch {
    return false;
  }
}

/** `candidate` as a file: itself, `x.js` → `x.ts` (`.mjs` → `.mts`, …), or with one of the extensions. */
function asFile(candidate: string): string | undefined {
  if (!DECLARATION.test(candidate) && isFile(candidate) && path.extname(candidate) !== '') return candidate;
  const m = /\.([cm]?)js(x?)$/i.exec(candidate);
  if (m) {
    const stem = candidate.slice(0, m.index);
    for (const alt of m[2] ? [`${stem}.tsx`] : m[1] ? [`${stem}.${m[1]}ts`] : [`${stem}.ts`, `${stem}.tsx`]) if (isFile(alt)) return alt;
  }
  for (const ext of EXTENSIONS) if (isFile(candidate + ext)) return candidate + ext;
  // `types` naming a declaration file: the source next to it (src/index.d.ts → src/index.ts).
  const d = /\.d(\.[cm]?ts)$/i.exec(candidate);
  if (d && isFile(candidate.slice(0, d.index) + d[1])) return candidate.slice(0, d.index) + d[1];
  return undefined;
}

/** `candidate` as a folder: package.json `types` / `typings` / `main` (each as a file or folder index), then index.*. */
function asFolder(candidate: string, depth = 0): string | undefined {
  if (!isDir(candidate)) return undefined;
  let pkg: Record<string, unknown> | undefined;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(candidate, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    pkg = undefined;
  }
  if (pkg && depth < 2) {
    for (const field of ['types', 'typings', 'main']) {
      const v = pkg[field];
      if (typeof v !== 'string' || v === '') continue;
      const target = path.resolve(candidate, v);
      const found = asFile(target) ?? (target !== candidate ? asFolder(target, depth + 1) : undefined);
      if (found) return found;
    }
  }
  return asFile(path.join(candidate, 'index'));
}

/** The file one `paths` substitution (or `baseUrl/specifier`) stands for. */
function resolveCandidate(candidate: string): string | undefined {
  return asFile(candidate) ?? asFolder(candidate);
}

/** What `paths` / `baseUrl` make of a bare specifier imported by `fromFile`: the file, or why not. */
export interface PathsResolution {
  file?: string;
  /** One sentence for the error when nothing was found and the tsconfig had a say. */
  explain?: string;
}

/**
 * The file the nearest tsconfig.json's `paths` (then `baseUrl`) map a bare specifier imported by
 * `fromFile` to. Never throws. Not for importers inside node_modules (a package's own imports are not
 * the project's to map).
 */
export function resolveTsconfigPaths(specifier: string, fromFile: string | undefined): PathsResolution {
  try {
    if (!fromFile || !isBareSpecifier(specifier) || /[\\/]node_modules[\\/]/.test(fromFile)) return {};
    const config = pathsConfigOf(path.dirname(fromFile));
    if (!config) return {};
    const tried: string[] = [];
    if (config.paths) {
      const base = config.baseUrl ?? config.pathsBase ?? path.dirname(config.file);
      for (const sub of matchPaths(specifier, config.paths)) {
        const candidate = path.resolve(base, sub);
        const file = resolveCandidate(candidate);
        if (file) return { file };
        tried.push(candidate);
      }
    }
    if (config.baseUrl !== undefined) {
      const file = resolveCandidate(path.resolve(config.baseUrl, specifier));
      if (file) return { file };
    }
    if (tried.length > 0) return { explain: `${config.file} maps "${specifier}" to ${tried.join(', ')}, where no file was found.` };
    if (config.problem) return { explain: `tsconfig.json paths were not applied: ${config.problem}.` };
    return {};
  } catch {
    return {};
  }
}

/**
 * One more sentence at the end of the first line of a resolution error's message (before CommonJS's
 * "Require stack:" lines, which reports drop); it stays the user's error otherwise.
 */
export function addSentence(e: unknown, sentence: string): void {
  try {
    if (e instanceof Error && !e.message.includes(sentence)) e.message = e.message.replace(/^([^\n]*?)\.?\s*(\n|$)/, (_, first: string, end: string) => `${first}. ${sentence}${end}`);
  } catch {
    // a read-only message: left as it is
  }
}
