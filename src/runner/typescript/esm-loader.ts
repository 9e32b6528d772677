/**
 * Module customization hooks for TypeScript in the profiling child, bundled as dist/profile-ts-loader.js
 * and registered by typescript/hooks.ts with `module.register()`. They run on Node's loader thread:
 *
 * - `resolve`: `./util.js` that does not exist but `./util.ts` does resolves to the .ts file (the
 *   specifiers TypeScript's ESM style asks for); likewise .mjs → .mts and .cjs → .cts. A bare specifier
 *   Node did not find goes through the importing file's tsconfig.json `paths` / `baseUrl` (tsconfig-paths.ts).
 * - `load`: a TypeScript file is transpiled here, as ESM (.mts, .ts under `"type": "module"`) or as
 *   CommonJS (.cts, other .ts), and its source map posted to the main thread. CommonJS comes with its
 *   source, so `import { x } from './util.js'` sees the named exports of the transpiled code (Node reads
 *   them from the source; the .ts text on disk has none in CommonJS form).
 *
 * The main thread also requires this bundle for `transpileTypeScript` (the one copy of `typescript`).
 */
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import { TS_FILE, formatOf, typeScriptAlternatives } from './resolve';
import { addSentence, resolveTsconfigPaths } from './tsconfig-paths';
import { prepareTypeScript, transpileTypeScript } from './transpile';

export { prepareTypeScript, transpileTypeScript, typescript } from './transpile';

/** What the loader thread posts for each file it transpiled. */
export interface LoaderMapMessage {
  url: string;
  map: string;
}

export interface LoaderData {
  port?: MessagePort;
  /** The target, when it goes through these hooks: transpiled now (loading `typescript`), not during the profile. */
  prepare?: string;
}

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
type ResolveResult = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
interface LoadContext {
  format?: string | null;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
type LoadResult = { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean };
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

let port: MessagePort | undefined;

export function initialize(data: LoaderData | undefined): void {
  port = data?.port;
  if (data?.prepare) prepareTypeScript(data.prepare, formatOf(data.prepare));
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    // A folder ('./lib' with lib/index.ts) is ERR_UNSUPPORTED_DIR_IMPORT to Node's ESM resolver.
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw e;
    for (const alt of typeScriptAlternatives(specifier)) {
      try {
        return await nextResolve(alt, context);
      } catch {
        // the next candidate
      }
    }
    // A bare specifier Node did not find (ERR_MODULE_NOT_FOUND: "Cannot find package"): the importing
    // file's tsconfig.json paths / baseUrl. Packages Node finds in node_modules came first.
    const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
    const mapped = resolveTsconfigPaths(specifier, parent);
    if (mapped.file) return nextResolve(pathToFileURL(mapped.file).href, context);
    if (mapped.explain) addSentence(e, mapped.explain);
    throw e; // the error about the specifier the user wrote
  }
}

function tsFileOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const file = fileURLToPath(url.replace(/[?#].*$/, ''));
  return TS_FILE.test(file) ? file : undefined;
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  const file = tsFileOf(url);
  if (file === undefined) return nextLoad(url, context);
  const format = formatOf(file);
  const { code, map } = transpileTypeScript(fs.readFileSync(file, 'utf8'), file, format);
  port?.postMessage({ url, map } satisfies LoaderMapMessage);
  return { format, source: code, shortCircuit: true };
}
