// Activation time of two builds of the extension side by side, as VS Code records it (Running Extensions),
// in fresh code-server sessions alternated A, B, B, A, … so both meet the same machine state.
//   node --import tsx bench/extension/activation-ab.ts <a.vsix> <b.vsix> [--runs 3]
// (needs the real-editor setup: bash scripts/setup-editor.sh). Prints each reading and the medians.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

async function one(): Promise<void> {
  // Loaded here so PERF_LENS_VSIX, set by the parent for this process, picks the build.
  const { startEditor, runningExtensionActivation } = await import('../../test/e2e/editor');
  const s = await startEditor({ name: 'activation-ab', trust: 'trusted' });
  try {
    const { ms } = await runningExtensionActivation(s.page, 'Perf Lens');
    process.stdout.write(`${JSON.stringify({ ms })}\n`);
  } finally {
    await s.close();
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const vsix = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)).map((f) => path.resolve(f));
  if (vsix.length !== 2 || !(runs >= 1)) {
    console.error('usage: node --import tsx bench/extension/activation-ab.ts <a.vsix> <b.vsix> [--runs 3]');
    process.exit(2);
  }
  const readings: number[][] = [[], []];
  for (let r = 0; r < runs; r++) {
    for (const side of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--one'], { env: { ...process.env, PERF_LENS_VSIX: vsix[side] }, encoding: 'utf8' });
      const line = out.stdout.trim().split('\n').pop() ?? '';
      if (out.status !== 0 || !line.startsWith('{')) throw new Error(`run ${r + 1} of ${vsix[side]} failed: ${out.stderr.trim().split('\n').pop()}`);
      const { ms } = JSON.parse(line) as { ms: number };
      readings[side].push(ms);
      console.log(`run ${r + 1} ${side === 0 ? 'A' : 'B'} ${path.basename(path.dirname(path.dirname(vsix[side])))}: ${ms} ms`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median activation: A ${median(readings[0])} ms (${readings[0].join(', ')}), B ${median(readings[1])} ms (${readings[1].join(', ')})`);
}

if (process.argv.includes('--one')) void one();
else main();
