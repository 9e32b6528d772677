// The main job on the bundled examples: builds Perf Lens, then runs every capability the CLI has on examples/.
// Today that is the performance hints (`perf-lens lint`). Later capabilities add their step here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const node = process.execPath;

function step(title, args, okCodes = [0]) {
  console.log(`\n=== ${title}\n$ perf-lens ${args.join(' ')}\n`);
  const r = spawnSync(node, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, stdio: 'inherit' });
  if (!okCodes.includes(r.status ?? -1)) {
    console.error(`demo: "${title}" failed with exit code ${r.status ?? r.signal}`);
    process.exit(1);
  }
}

const build = spawnSync(node, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

// Exit code 1 means "findings": exactly what the examples are for.
step('Performance hints on the examples (Node + Elixir)', ['lint', 'examples'], [0, 1]);

// The same findings as SARIF 2.1.0, the file GitHub code scanning uploads.
const sarif = spawnSync(node, [path.join(root, 'dist/cli.js'), 'lint', 'examples', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
if (![0, 1].includes(sarif.status ?? -1)) {
  console.error(`demo: SARIF export failed: ${sarif.stderr.trim()}`);
  process.exit(1);
}
fs.writeFileSync(path.join(root, 'dist/examples.sarif'), sarif.stdout);
console.log(`\n=== SARIF: ${JSON.parse(sarif.stdout).runs[0].results.length} results written to dist/examples.sarif`);
