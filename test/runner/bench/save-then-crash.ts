// Child process of baseline-store.test.ts: saves a baseline and kills itself with SIGKILL between
// writing the temp file and renaming it, the moment a crash (power cut, OOM kill) would do most harm.
//   node --import tsx save-then-crash.ts <root> <name> <marker>
import { saveBaseline } from '../../../src/runner/bench/baseline-store';
import { createBaseline } from '../../../src/core/bench/baseline';

const [root, name, marker] = process.argv.slice(2);
const env = { runtime: 'node', nodeVersion: process.version, cpuModel: 'x', cpuCount: 1, os: 'x', gitCommit: null, gitDirty: null, date: new Date(0).toISOString() };
void saveBaseline(root, createBaseline(name, env, [{ name: marker, file: 'a.bench.ts', runs: [{ samples: [1, 2, 3] }] }], new Date()), {
  beforeRename: (temp) => {
    process.stdout.write(temp + '\n');
    process.kill(process.pid, 'SIGKILL');
  },
});
