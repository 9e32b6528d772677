/**
 * How Node runs a TypeScript file, and the TypeScript file a `.js` specifier may stand for. Shared by the
 * require hook (typescript/hooks.ts, main thread) and the ESM hooks (typescript/esm-loader.ts, loader thread); no
 * `typescript` here, so the harness bundle stays small.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ModuleFormat = 'commonjs' | 'module';

/** What the harness transpiles: .ts, .mts, .cts, and .tsx / .jsx (JSX, which Node cannot run). */
export const TS_FILE = /\.((c|m)?ts|tsx|jsx)$/i;

/** Files with JSX in them. */
export const JSX_FILE = /\.(t|j)sx$/i;

/**
 * How Node would run the file: .mts is ESM, .cts is CommonJS, .ts (and .tsx, .jsx) follows the nearest
 * package.json's "type" (as TypeScript's own `module: nodenext` decides).
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
 * The files a relative, absolute or file: specifier that Node did not find may stand for, in order:
 * `./util.js` → `./util.ts`, `./util.tsx` (.mjs → .mts, .cjs → .cts, .jsx → .tsx), as TypeScript's ESM
 * style writes imports of .ts files; and an extensionless `./util` (TypeScript's "bundler" resolution,
 * which tsx and bundlers accept) → `./util.ts`, `.tsx`, `.js`, `./util/index.ts`, `.tsx`, `.js`.
 * Empty for anything else (packages, other files).
 */
export function typeScriptAlternatives(specifier: string): string[] {
  if (!/^(\.{1,2}([\\/]|$)|\/|[A-Za-z]:[\\/]|file:)/.test(specifier)) return [];
  const m = /\.(c|m)?js$/.exec(specifier);
  if (m) {
    const stem = specifier.slice(0, m.index);
    return m[1] ? [`${stem}.${m[1]}ts`] : [`${stem}.ts`, `${stem}.tsx`];
  }
  if (/\.jsx$/.test(specifier)) return [specifier.replace(/\.jsx$/, '.tsx')];
  const last = specifier.split(/[\\/]/).pop() ?? '';
  if (last === '' || last === '.' || last === '..') return ['index.ts', 'index.tsx', 'index.js'].map((f) => `${specifier.replace(/[\\/]?$/, '/')}${f}`);
  if (last.includes('.')) return [];
  return [`${specifier}.ts`, `${specifier}.tsx`, `${specifier}.js`, `${specifier}/index.ts`, `${specifier}/index.tsx`, `${specifier}/index.js`];
}
