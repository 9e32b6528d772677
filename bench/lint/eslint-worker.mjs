// One timed run of ESLint 9 over the same file list, in its own process: the Node API with a flat config
// object, only `no-await-in-loop` enabled, @typescript-eslint/parser for TypeScript, espree for JavaScript,
// no cache, no config file lookup. Prints one JSON line with counts and timings.
// Usage: node bench/lint/eslint-worker.mjs <list.json>
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [listPath] = process.argv.slice(2);
const list = JSON.parse(fs.readFileSync(listPath, 'utf8'));

const { ESLint } = await import('eslint');
const tsParser = (await import('@typescript-eslint/parser')).default;

const rules = { 'no-await-in-loop': 'error' };
// Globs are relative to cwd (node_modules): the file list's folders decide the source type.
const commonjsDirs = [...new Set(list.files.filter((f) => f.sourceType === 'commonjs').map((f) => f.rel.split('/').slice(0, 2).join('/')))];
const eslint = new ESLint({
  cwd: list.nodeModules,
  overrideConfigFile: true,
  // The corpus lives in node_modules, which ESLint ignores by default; the list is explicit.
  ignore: false,
  cache: false,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], languageOptions: { parser: tsParser, sourceType: 'module' }, rules },
    { files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules },
    {
      files: ['**/*.cjs', ...commonjsDirs.map((d) => `${d}/**/*.js`)],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
      rules,
    },
  ],
});
const loaded = performance.now();

const results = await eslint.lintFiles(list.files.map((f) => f.abs));
const done = performance.now();

let findings = 0;
const fatal = [];
for (const r of results) {
  for (const m of r.messages) {
    if (m.ruleId === 'no-await-in-loop') findings++;
    else if (m.fatal) fatal.push(`${r.filePath}:${m.line}: ${m.message}`);
  }
}
process.stdout.write(
  JSON.stringify({
    tool: 'eslint',
    files: results.length,
    findings,
    fatalCount: fatal.length,
    fatal: fatal.slice(0, 5),
    loadMs: loaded,
    lintMs: done - loaded,
    // user + system CPU of the whole process (GC threads included): less sensitive than wall time to a busy machine.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  }) + '\n',
);
