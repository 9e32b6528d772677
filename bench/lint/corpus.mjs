// The benchmark's corpus: real TypeScript and JavaScript sources of big npm packages (pinned devDependencies),
// and the one list of files that both linters get. Files that Perf Lens would skip (declarations, test files,
// minified or oversized files) are left out of the list, so both tools lint exactly the same files.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Folders inside node_modules. `sourceType` is what ESLint's parser needs to know (mongoose's lib is
 * CommonJS); Perf Lens does not need it.
 */
export const CORPUS = [
  { dir: 'effect/src', language: 'ts', sourceType: 'module' },
  { dir: 'zod/src', language: 'ts', sourceType: 'module' },
  { dir: 'rxjs/src', language: 'ts', sourceType: 'module' },
  { dir: 'mongodb/src', language: 'ts', sourceType: 'module' },
  { dir: 'three/src', language: 'js', sourceType: 'module' },
  // examples/jsm/libs holds vendored third-party builds (some minified): not source code.
  { dir: 'three/examples/jsm', language: 'js', sourceType: 'module', skipDirs: ['libs'] },
  { dir: 'mongoose/lib', language: 'js', sourceType: 'commonjs' },
];

/** The engine's own limits (src/core/lint/engine.ts): a file that breaks them would be skipped by Perf Lens. */
const MINIFIED_AVERAGE_LINE = 300;

function walk(dir, skipDirs, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.includes(e.name)) walk(p, skipDirs, out);
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

function countLines(text) {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Selects the files. `engine` is dist/engine.js (for languageOf, isTestFile, DEFAULT_CONFIG), so the filter is
 * the product's own. Reading every file here also warms the page cache before anything is timed.
 * Returns { root, files: [{ rel, abs, language, sourceType, bytes, lines }], missing: [dirs] }.
 */
export function selectFiles(root, engine, { every = 1 } = {}) {
  const nodeModules = path.join(root, 'node_modules');
  const files = [];
  const missing = [];
  for (const entry of CORPUS) {
    const base = path.join(nodeModules, entry.dir);
    if (!fs.existsSync(base)) {
      missing.push(entry.dir);
      continue;
    }
    for (const abs of walk(base, entry.skipDirs ?? [], [])) {
      const rel = path.relative(nodeModules, abs).split(path.sep).join('/');
      if (!engine.hints.languageOf(rel) || engine.hints.isTestFile(rel)) continue;
      const buf = fs.readFileSync(abs);
      const text = buf.toString('utf8');
      if (text.length > engine.hints.DEFAULT_CONFIG.maxFileBytes) continue;
      if (buf.subarray(0, 8000).includes(0)) continue;
      const lines = countLines(text);
      if (text.length > 20_000 && text.length / lines > MINIFIED_AVERAGE_LINE) continue;
      files.push({ rel, abs, language: entry.language, sourceType: entry.sourceType, bytes: buf.length, lines });
    }
  }
  // --quick takes every n-th file: the same mix of packages, a fraction of the work.
  const picked = every > 1 ? files.filter((_, i) => i % every === 0) : files;
  return { nodeModules, files: picked, missing };
}

export { countLines };
