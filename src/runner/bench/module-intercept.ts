/**
 * Makes `import { bench, describe } from 'vitest'` (or from 'perf-lens/bench') give the harness's API, so
 * vitest bench files run unchanged in a project without vitest, and with it (vitest's own bench needs
 * its runner). Two hooks, one per module system:
 * - CommonJS: `Module._resolveFilename` answers a name that no file can have, pre-filled in the module
 *   cache with the API, so `require('vitest')` returns it;
 * - ESM: a resolve hook (registered with `module.register`, from a data: URL: no extra file to ship)
 *   sends the specifiers to a data: module that re-exports the API from a global.
 */
import * as nodeModule from 'node:module';
import type { BenchModule } from '../../core/bench/bench-api';

/** The specifiers the harness answers. */
export const BENCH_API_SPECIFIERS: readonly string[] = ['vitest', 'perf-lens/bench'];

const API_KEY = 'perf-lens.bench.api';
/** The CommonJS cache key: a NUL byte keeps it from ever being a real file. */
const CJS_API_ID = '\u0000perf-lens-bench-api';

const API_SOURCE = [
  `const api = globalThis[Symbol.for(${JSON.stringify(API_KEY)})];`,
  'export const bench = api.bench;',
  'export const describe = api.describe;',
  'export const beforeAll = api.beforeAll;',
  'export const afterAll = api.afterAll;',
  'export const beforeEach = api.beforeEach;',
  'export const afterEach = api.afterEach;',
  'export default api.default;',
].join('\n');

const HOOKS_SOURCE = [
  `const names = new Set(${JSON.stringify(BENCH_API_SPECIFIERS)});`,
  `const url = ${JSON.stringify(`data:text/javascript,${encodeURIComponent(API_SOURCE)}`)};`,
  'export async function resolve(specifier, context, next) {',
  '  if (names.has(specifier)) return { url, shortCircuit: true };',
  '  return next(specifier, context);',
  '}',
].join('\n');

interface CjsModule {
  exports: unknown;
  loaded: boolean;
  filename: string;
}
interface ModuleInternals {
  new (id: string): CjsModule;
  _cache: Record<string, CjsModule>;
  _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
}

/** Installs both hooks; `api` is what the bench file gets (`bench`, `describe`, `default`). */
export function interceptBenchImports(api: BenchModule): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for(API_KEY)] = api;

  // The module object itself: a bundled `import * as` namespace is a read-only copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as ModuleInternals;
  const cached = new Module(CJS_API_ID);
  cached.filename = CJS_API_ID;
  cached.exports = api;
  cached.loaded = true;
  Module._cache[CJS_API_ID] = cached;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    if (BENCH_API_SPECIFIERS.includes(request)) return CJS_API_ID;
    return resolveFilename.call(this, request, parent, isMain, options);
  };

  const register = (nodeModule as { register?: (specifier: string, parentURL?: string) => void }).register;
  if (typeof register === 'function') register(`data:text/javascript,${encodeURIComponent(HOOKS_SOURCE)}`);
}
