/**
 * TypeScript targets in the profiling child (harness.ts): files are transpiled on the fly when they are
 * loaded, their source maps are kept in memory, and the profile is moved back to the .ts lines before it
 * is written, so the .cpuprofile opens right in DevTools and VS Code.
 *
 * - ESM hooks (dist/profile-ts-loader.js, registered with `module.register()` when the target is
 *   TypeScript): every .ts/.mts/.cts file that is imported — the target itself, which the harness loads
 *   with import() — is transpiled on the loader thread, as ESM or CommonJS; each map comes back over a
 *   MessagePort, drained when the profile ends.
 * - A require hook (`Module._extensions['.ts' | '.cts']`, always installed, inert until used): for files
 *   loaded by Node's own CommonJS loader — a CommonJS script run as the main program and what it
 *   requires, or a .ts file required from JavaScript. `require('./x.js')` falls back to `./x.ts`, and a
 *   bare `require('my-lib')` Node did not find to the tsconfig.json `paths` / `baseUrl` (tsconfig-paths.ts).
 *
 * The transpiler (and its `typescript`, 10 MB) lives in dist/profile-ts-loader.js and is required only
 * when a TypeScript file is met, or up front when the target itself is TypeScript, so that loading it is
 * never part of the profile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { CpuProfile } from '../../core/profile/model';
import { remapProfile } from '../../core/profile/remap';
import { type SourceMap, parseSourceMap } from '../../core/profile/source-map';
import type * as loaderModule from './esm-loader';
import { TS_FILE, formatOf, typeScriptAlternatives } from './resolve';
import { addSentence, resolveTsconfigPaths } from './tsconfig-paths';

/** The bundle with the ESM hooks and the transpiler, next to dist/profile-harness.js. */
export const TS_LOADER_FILE = 'profile-ts-loader.js';

interface CjsModule {
  _compile(code: string, filename: string): unknown;
}
interface ModuleInternals {
  _extensions: Record<string, (module: CjsModule, filename: string) => void>;
  _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
}

const state = {
  installed: false,
  loaderFile: '',
  loader: undefined as typeof loaderModule | undefined,
  /** Source map JSON text per script URL (transpiled on this thread, or drained from the port). */
  maps: new Map<string, string>(),
  port: undefined as MessagePort | undefined,
};

function loader(): typeof loaderModule {
  if (!state.loader) {
    if (!fs.existsSync(state.loaderFile)) throw new Error(`TypeScript support is missing: ${state.loaderFile} was not found (run the build)`);
    state.loader = nodeModule.createRequire(__filename)(state.loaderFile) as typeof loaderModule;
  }
  return state.loader;
}

function installRequireHook(): void {
  // The module object itself: a bundled `import * as` namespace is a read-only copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as ModuleInternals;
  const compile = (module: CjsModule, filename: string): void => {
    const { code, map } = loader().transpileTypeScript(fs.readFileSync(filename, 'utf8'), filename, 'commonjs');
    state.maps.set(pathToFileURL(filename).href, map);
    module._compile(code, filename);
  };
  // A .ts file under "type": "module" that is require()d still runs, as CommonJS.
  // Registered extensions are also what an extensionless require('./x') tries, so './x' finds x.ts too.
  for (const ext of ['.ts', '.cts', '.tsx', '.jsx']) Module._extensions[ext] = compile;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (e) {
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
      for (const alt of typeScriptAlternatives(request)) {
        try {
          return resolveFilename.call(this, alt, parent, isMain, options);
        } catch {
          // the next candidate
        }
      }
      // A bare specifier Node did not find: the importing file's tsconfig.json paths / baseUrl.
      const parentFile = (parent as { filename?: unknown } | null)?.filename;
      const mapped = resolveTsconfigPaths(request, typeof parentFile === 'string' ? parentFile : undefined);
      if (mapped.file) return resolveFilename.call(this, mapped.file, parent, isMain, options);
      if (mapped.explain) addSentence(e, mapped.explain);
      throw e;
    }
  };
}

function registerEsmHooks(prepare: string | undefined): void {
  const register = (nodeModule as { register?: (specifier: string, options?: object) => void }).register;
  if (typeof register !== 'function') return; // Node < 20.6: ESM TypeScript is not available
  const { port1, port2 } = new MessageChannel();
  state.port = port1;
  register(pathToFileURL(state.loaderFile).href, { data: { port: port2, prepare } satisfies loaderModule.LoaderData, transferList: [port2] });
}

/** True when the file runs as an ES module (.mts, or .ts under "type": "module"). */
export function isEsmTypeScript(file: string): boolean {
  return TS_FILE.test(file) && formatOf(file) === 'module';
}

/**
 * Sets up TypeScript support for a run whose target is `target`: a module (loaded with import()) or, with
 * `asMainScript`, a script run as the main program. The require hook is always installed (inert until a
 * .ts file is required); the ESM hooks and `typescript` itself only when the target is TypeScript: the
 * target is transpiled now, on the thread that will load it, so that neither is part of the profile.
 * Throws when the target is TypeScript and dist/profile-ts-loader.js is missing.
 */
export function installTypeScript(target: string, asMainScript: boolean, dir = __dirname): void {
  if (state.installed) return;
  state.installed = true;
  state.loaderFile = path.join(dir, TS_LOADER_FILE);
  installRequireHook();
  if (!TS_FILE.test(target)) return;
  if (!fs.existsSync(state.loaderFile)) throw new Error(`${TS_LOADER_FILE} was not found next to the harness (run the build)`);
  // A CommonJS script runs through Node's CommonJS loader (our require hook, this thread); everything
  // else that is TypeScript goes through the ESM hooks (the loader thread).
  const onThisThread = asMainScript && !isEsmTypeScript(target);
  if (onThisThread) loader().prepareTypeScript(target, 'commonjs');
  registerEsmHooks(onThisThread ? undefined : target);
}

/** Moves the maps the loader thread posted into `state.maps` (synchronously: this may run in an exit handler). */
function drainMaps(): void {
  const port = state.port;
  if (!port) return;
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const msg = m.message as loaderModule.LoaderMapMessage;
    if (msg && typeof msg.url === 'string' && typeof msg.map === 'string') state.maps.set(msg.url, msg.map);
  }
}

/** The source map (JSON text) of a file transpiled on load, by script URL. */
export function sourceMapOf(url: string): string | undefined {
  drainMaps();
  return state.maps.get(url);
}

/**
 * The profile with every transpiled file's frames and ticks on its .ts lines; the profile itself when
 * nothing was transpiled, or when remapping fails (the run must still produce its profile).
 */
export function remapTypeScript<P>(profile: P): P {
  try {
    drainMaps();
    if (state.maps.size === 0) return profile;
    const parsed = new Map<string, SourceMap | null>();
    return remapProfile(profile as unknown as CpuProfile, (url) => {
      const text = state.maps.get(url);
      if (text === undefined) return undefined;
      let map = parsed.get(url);
      if (map === undefined) {
        try {
          map = parseSourceMap(text);
        } catch {
          map = null;
        }
        parsed.set(url, map);
      }
      return map ? { map, sourceUrl: (source) => new URL(source, url).href } : undefined;
    }) as unknown as P;
  } catch {
    return profile;
  }
}

/**
 * The namespace `import()` gives for CommonJS compiled from ESM (tsc, Babel, esbuild mark it
 * `__esModule`): Node's `default` is the whole `module.exports`; this makes it the module's own default
 * export, next to its named exports, as the source reads. Any other namespace is returned as it is.
 */
export function esModuleInterop(ns: Record<string, unknown>): Record<string, unknown> {
  const exportsObject = ns.default;
  if (typeof exportsObject !== 'object' || exportsObject === null || (exportsObject as { __esModule?: unknown }).__esModule !== true) return ns;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(exportsObject)) out[k] = (exportsObject as Record<string, unknown>)[k];
  if ('default' in exportsObject) out.default = (exportsObject as { default?: unknown }).default;
  return out;
}
