/**
 * How Node runs a TypeScript file, and the TypeScript file a `.js` specifier may stand for. Shared by the
 * require hook (ts-hooks.ts, main thread) and the ESM hooks (ts-loader.ts, loader thread); no
 * `typescript` here, so the harness bundle stays small.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ModuleFormat = 'commonjs' | 'module';

/** .ts, .mts, .cts. */
export const TS_FILE = /\.(c|m)?ts$/i;

/**
 * How Node would run the file: .mts is ESM, .cts is CommonJS, .ts follows the nearest package.json's
 * "type" (as TypeScript's own `module: nodenext` decides).
 */
export function formatOf(file: string): ModuleFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.mts')) return 'module';
  if (lower.endsWith('.cts')) return 'commonjs';
  return packageTypeOf(path.dirname(file)) === 'module' ? 'module' : 'commonjs';
}

const packageTypes = new Map<string, string | undefined>();

function packageTypeOf(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: string | undefined;
  let found = false;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    found = true;
    type = typeof pkg.type === 'string' ? pkg.type : undefined;
  } catch (e) {
    // No package.json here: look further up. One that does not parse counts as found, without a type.
    const code = (e as NodeJS.ErrnoException).code;
    found = code !== 'ENOENT' && code !== 'ENOTDIR';
  }
  if (!found) {
    const parent = path.dirname(dir);
    type = parent === dir || path.basename(dir) === 'node_modules' ? undefined : packageTypeOf(parent);
  }
  packageTypes.set(dir, type);
  return type;
}

/**
 * `./util.js` → `./util.ts` (.mjs → .mts, .cjs → .cts) for a relative, absolute or file: specifier, as
 * TypeScript's ESM style writes imports of .ts files; undefined for anything else (packages, other files).
 */
export function typeScriptAlternative(specifier: string): string | undefined {
  if (!/^(\.{1,2}[\\/]|\/|[A-Za-z]:[\\/]|file:)/.test(specifier)) return undefined;
  const m = /\.(c|m)?js$/.exec(specifier);
  return m ? `${specifier.slice(0, m.index)}.${m[1] ?? ''}ts` : undefined;
}
