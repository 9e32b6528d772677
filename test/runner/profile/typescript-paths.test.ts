// tsconfig.json `paths` / `baseUrl` through the real harness bundles (profile and bench), in real child
// processes: a benchmark folder importing its library by its own name, mapped by `paths` in a tsconfig
// that extends a relative base, which extends a package (`@tsconfig/node20/tsconfig.json`), with baseUrl.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { profileFunction, profileScript } from '../../../src/runner/profile/run-profile';
import type { CpuProfile } from '../../../src/core/profile/model';
import { runBenchFile } from '../../../src/runner/bench/run-file';
import { QUICK, buildBenchBundles } from '../bench/helpers';
import { buildHarness } from './helpers';

/** Uses the library by its name (paths), a subpath (`my-lib/*`), baseUrl alone, and a node_modules package that a mapping of the same name does not shadow. */
const USE_TS = [
  "import { square, LIB } from 'my-lib';",
  "import { twice } from 'my-lib/extra/util';",
  "import { local } from 'helpers/local';",
  "import { who } from 'shadowed';",
  "import { dep } from 'ts-dep';",
  '',
  'export function run(n: number): number {',
  "  if (LIB !== 'my-lib' || local !== 'local' || who !== 'node_modules' || dep !== 'dep') throw new Error(`wrong modules: ${LIB} ${local} ${who} ${dep}`);",
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += twice(square(i));',
  '  return s;',
  '}',
  '',
].join('\n');

const BENCH_TS = [
  "import { bench } from 'vitest';",
  "import { square, LIB } from 'my-lib';",
  "import { twice } from 'my-lib/extra/util';",
  '',
  "if (LIB !== 'my-lib') throw new Error('wrong library');",
  "bench('square', () => twice(square(3)));",
  '',
].join('\n');

const SCRIPT_TS = [
  "import * as fs from 'node:fs';",
  "import { square } from 'my-lib';",
  "import { twice } from 'my-lib/extra/util';",
  '',
  'let s = 0;',
  'for (let i = 0; i < 1000; i++) s += twice(square(i));',
  'fs.writeFileSync(process.argv[2], JSON.stringify({ s }));',
  '',
].join('\n');

const FILES: Record<string, string> = {
  // The library: CommonJS-typed (no "type"), TypeScript sources only, main pointing at a build that does not exist.
  'library/package.json': '{ "name": "my-lib", "main": "dist/index.js" }',
  'library/src/index.ts': "export { square } from './math';\nexport const LIB: string = 'my-lib';\n",
  'library/src/math.ts': 'export function square(n: number): number {\n  return n * n;\n}\n',
  'library/src/extra/util.ts': 'export const twice = (n: number): number => 2 * n;\n',
  'library/src/shadowed.ts': "export const who = 'paths';\n",
  // The benchmarks' project.
  'packages/bench/node_modules/@tsconfig/node20/package.json': '{ "name": "@tsconfig/node20", "version": "0.0.0-test" }',
  'packages/bench/node_modules/@tsconfig/node20/tsconfig.json': '{\n  // as the real one\n  "compilerOptions": { "lib": ["es2023"], "module": "node16", "target": "es2022", "strict": true, },\n}\n',
  'packages/bench/node_modules/shadowed/package.json': '{ "name": "shadowed", "main": "index.js" }',
  'packages/bench/node_modules/shadowed/index.js': "exports.who = 'node_modules';\n",
  // A TypeScript package without "type": "module" (main is its .ts source, which re-exports).
  'packages/bench/node_modules/ts-dep/package.json': '{ "name": "ts-dep", "main": "src/index.ts" }',
  'packages/bench/node_modules/ts-dep/src/index.ts': "export { dep } from './dep';\n",
  'packages/bench/node_modules/ts-dep/src/dep.ts': "export const dep: string = 'dep';\n",
  'packages/bench/tsconfig.base.json': [
    '{',
    '  "extends": "@tsconfig/node20/tsconfig.json",',
    '  "compilerOptions": {',
    '    "baseUrl": ".", // paths are relative to it',
    '    "paths": {',
    '      "my-lib": ["../../library/src"],',
    '      "my-lib/*": ["../../library/src/*"],',
    '      "shadowed": ["../../library/src/shadowed"],',
    '    },',
    '  },',
    '}',
  ].join('\n'),
  'packages/bench/tsconfig.json': '{ "extends": "./tsconfig.base.json", "include": ["**/*.ts"] }',
  'packages/bench/helpers/local.ts': "export const local = 'local';\n",
  'packages/bench/cjs/use.ts': USE_TS,
  'packages/bench/cjs/script.ts': SCRIPT_TS,
  'packages/bench/cjs/lib.bench.ts': BENCH_TS,
  'packages/bench/cjs/missing.ts': "import { nothing } from 'my-lib/none';\nexport const f = (): unknown => nothing;\n",
  'packages/bench/esm/package.json': '{ "type": "module" }',
  'packages/bench/esm/use.ts': USE_TS,
  'packages/bench/esm/script.ts': SCRIPT_TS,
  'packages/bench/esm/lib.bench.ts': BENCH_TS,
  'packages/bench/esm/missing.ts': "import { nothing } from 'my-lib/none';\nexport const f = (): unknown => nothing;\n",
  // An .mts in the CommonJS-typed folder: named exports of the CommonJS-typed TypeScript library.
  'packages/bench/use.mts': USE_TS,
  'packages/bench/lib.bench.mts': BENCH_TS,
};

describe('tsconfig.json paths and baseUrl in the profiling and benchmark children', () => {
  let harnessDir: string;
  let harness: string;
  let benchHarness: string;
  let root: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    benchHarness = path.join(buildBenchBundles(), 'bench-harness.js');
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-paths-')));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    dir = path.join(root, 'packages', 'bench');
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const module of ['cjs/use.ts', 'esm/use.ts', 'use.mts']) {
    test(`profile of ${module}: my-lib and my-lib/* by paths, helpers/* by baseUrl, node_modules first, a CommonJS-typed TypeScript package's named exports (the module's own checks), its frames on its .ts file`, async () => {
      const outFile = path.join(root, 'out', `${module.replace(/\W/g, '-')}.cpuprofile`);
      const r = await profileFunction({ cwd: dir, harnessPath: harness, module, exportName: 'run', args: [50_000], durationMs: 300, warmupMs: 50, outFile });
      assert.ok(r.calls > 0);
      const profile = JSON.parse(fs.readFileSync(outFile, 'utf8')) as CpuProfile;
      const urls = new Set(profile.nodes.map((n) => n.callFrame.url));
      // Loaded (and so transpiled, with a source map) from the library's sources, by their own file URLs.
      assert.ok(urls.has(pathToFileURL(path.join(dir, module)).href), [...urls].join('\n'));
    });
  }

  for (const script of ['cjs/script.ts', 'esm/script.ts']) {
    test(`a script (${script}; CommonJS through the require hook, ESM through the resolve hook) importing my-lib`, async () => {
      const report = path.join(root, 'out', `${script.replace(/\W/g, '-')}.json`);
      await profileScript({ script, argv: [report], cwd: dir, harnessPath: harness, outFile: path.join(root, 'out', `${script.replace(/\W/g, '-')}.cpuprofile`) });
      let expected = 0;
      for (let i = 0; i < 1000; i++) expected += 2 * i * i;
      assert.deepEqual(JSON.parse(fs.readFileSync(report, 'utf8')), { s: expected });
    });
  }

  for (const file of ['cjs/lib.bench.ts', 'esm/lib.bench.ts', 'lib.bench.mts']) {
    test(`bench file ${file} importing my-lib by paths`, async () => {
      const ms = await runBenchFile({ harness: benchHarness, file: path.join(dir, file), display: file, cwd: dir, rotate: 0, phaseTimeoutMs: 60_000, ...QUICK });
      assert.deepEqual(
        ms.map((m) => m.name),
        ['square'],
      );
      assert.equal(ms[0].line, 6);
    });
  }

  for (const module of ['cjs/missing.ts', 'esm/missing.ts']) {
    test(`${module}: a mapping with no file behind it is Node's error plus one sentence naming the tsconfig`, async () => {
      await assert.rejects(
        profileFunction({ cwd: dir, harnessPath: harness, module, exportName: 'f', args: [], iterations: 1, outFile: path.join(root, 'out', 'missing.cpuprofile') }),
        (e: Error) => {
          assert.match(e.message, /my-lib\/none/);
          assert.match(e.message, /tsconfig\.json maps "my-lib\/none" to \S+library[\\/]src[\\/]none, where no file was found\./);
          return true;
        },
      );
    });
  }
});
