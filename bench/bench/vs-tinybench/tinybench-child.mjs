// tinybench's side of bench/bench/vs-tinybench.ts, in its own process (so it pays a process start and a
// JIT warm-up, as each of our processes does): one shared function for `timeMs` of measuring after
// tinybench's default warm-up (250 ms), everything else at tinybench's defaults (performance.now, one
// call per sample). Prints its result as one JSON line, times in ns.
//
//   node bench/bench/vs-tinybench/tinybench-child.mjs <function name> <timeMs>
import { createRequire } from 'node:module';
import { Bench } from 'tinybench';

const { functions } = createRequire(import.meta.url)('./functions.cjs');
const [name, time] = process.argv.slice(2);
const f = functions.find((x) => x.name === name);
if (!f || !(Number(time) > 0)) {
  console.error(`usage: tinybench-child.mjs <${functions.map((x) => x.name).join(' | ')}> <timeMs>`);
  process.exit(2);
}

const bench = new Bench({ time: Number(time) });
bench.add(f.name, f.fn, { async: false });
await bench.run();
const r = bench.tasks[0].result;
if (r.state !== 'completed') {
  console.error(`tinybench: ${r.state}${r.error ? `: ${r.error.message}` : ''}`);
  process.exit(1);
}
// latency is in ms. rme = 100 · moe / mean, moe = t(0.975, n − 1) · sd / √n over this process's samples.
const l = r.latency;
console.log(JSON.stringify({ meanNs: l.mean * 1e6, moeNs: l.moe * 1e6, rme: l.rme, samples: l.samplesCount, warmupMs: bench.warmupTime, timeMs: bench.time }));
