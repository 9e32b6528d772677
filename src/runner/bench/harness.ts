/**
 * The benchmark child's entry, bundled as dist/bench-harness.js and started by run-file.ts as
 * `node --expose-gc bench-harness.js <request.json>`, one fresh process per file and repetition. It
 * provides the bench API (vitest's imports intercepted), loads the file (TypeScript through the profile
 * harness's transpiler), runs the collected benchmarks in a rotated order, and writes the samples.
 * It exits explicitly: a benchmark file may leave timers or sockets open.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BenchApiError, BenchCollector, type CollectedBenchmark } from './api';
import { interceptBenchImports } from './module-intercept';
import { measure } from './measure';
import { beforeAllOf, beforeEachOf } from './suite-hooks';
import { measureMemory } from './memory';
import type { BenchHarnessRequest, BenchHarnessResult, MeasuredBenchmark, PhaseMessage } from './protocol';
import { installTypeScript, isEsmTypeScript } from '../typescript/hooks';
import { TS_FILE } from '../typescript/resolve';

function send(message: PhaseMessage): void {
  if (process.send && process.connected) process.send(message);
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message.split('\n')[0]}`;
  return `a non-Error value (${String(e).slice(0, 200)})`;
}

function writeResult(file: string, result: BenchHarnessResult): void {
  fs.writeFileSync(file, JSON.stringify(result));
}

async function runOne(b: CollectedBenchmark, req: BenchHarnessRequest): Promise<MeasuredBenchmark> {
  const fn = await b.make();
  const task = { name: b.name };
  const o = b.options;
  await o.setup?.(task, 'warmup');
  const m = await measure(fn, {
    clock: req.clock,
    timeMs: o.time ?? req.timeMs,
    warmupMs: o.warmupTime ?? req.warmupMs,
    sampleNs: req.sampleNs,
    minIterations: o.iterations ?? 0,
    warmupIterations: o.warmupIterations ?? 0,
    afterWarmup: async () => {
      await o.teardown?.(task, 'warmup');
      await o.setup?.(task, 'run');
    },
  });
  // Memory after timing, before the 'run' teardown (the function may need what setup made).
  const bytesPerOp = req.memory ? await measureMemory({ runBatch: m.runBatch, maxBatch: m.iterationsPerSample, timeMs: o.time ?? req.timeMs, isAsync: m.isAsync }) : undefined;
  await o.teardown?.(task, 'run');
  const out: MeasuredBenchmark = { name: b.name, samples: m.samples, iterationsPerSample: m.iterationsPerSample };
  if (bytesPerOp !== undefined) out.bytesPerOp = bytesPerOp;
  if (Number.isFinite(m.cpuShare)) out.cpuShare = Math.round(m.cpuShare * 1000) / 1000;
  if (b.line !== undefined) out.line = b.line;
  if (b.size !== undefined) out.size = b.size;
  return out;
}

async function main(): Promise<void> {
  const req = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as BenchHarnessRequest;
  // Stack traces (and so the line of each bench( call) on the .ts lines of a transpiled file.
  process.setSourceMapsEnabled(true);
  const collector = new BenchCollector(req.file);
  interceptBenchImports(collector.api());
  send({ type: 'phase', phase: 'load' });
  try {
    // CommonJS TypeScript goes through the require hook on this thread, like a CommonJS script: through
    // import() its require() calls would reach Node's ESM resolver, which knows nothing of the CJS hook.
    const cjsTypeScript = TS_FILE.test(req.file) && !isEsmTypeScript(req.file);
    installTypeScript(req.file, cjsTypeScript, __dirname);
    if (cjsTypeScript) createRequire(__filename)(req.file);
    else await import(pathToFileURL(req.file).href);
    await collector.collect();
  } catch (e) {
    const what = e instanceof BenchApiError ? e.message : `loading the file failed: ${describeError(e)}`;
    writeResult(req.resultFile, { ok: false, error: what });
    process.exit(1);
  }
  let list = collector.selected();
  const declared = req.names ? [...new Set(list.map((b) => b.name))] : undefined;
  if (req.names) {
    const wanted = new Set(req.names);
    list = list.filter((b) => wanted.has(b.name));
  }
  const start = list.length ? req.rotate % list.length : 0;
  const order = [...list.slice(start), ...list.slice(0, start)];
  const measured: MeasuredBenchmark[] = [];
  const hookFailed = (kind: string, e: unknown): never => {
    writeResult(req.resultFile, { ok: false, error: `a ${kind} hook threw ${describeError(e)}` });
    process.exit(1);
  };
  send({ type: 'phase', phase: 'hooks', name: 'beforeAll' });
  const afterAll = await beforeAllOf(order).catch((e: unknown) => hookFailed('beforeAll', e));
  for (const b of order) {
    send({ type: 'phase', phase: 'bench', name: b.name });
    try {
      const afterEach = await beforeEachOf(b);
      measured.push(await runOne(b, req));
      await afterEach();
    } catch (e) {
      const label = b.size === undefined ? b.name : `${b.name} [n=${b.size}]`;
      writeResult(req.resultFile, { ok: false, benchmark: b.name, error: `benchmark "${label}" threw ${describeError(e)}` });
      process.exit(1);
    }
  }
  send({ type: 'phase', phase: 'hooks', name: 'afterAll' });
  await afterAll().catch((e: unknown) => hookFailed('afterAll', e));
  // Back in the file's order, whatever order they ran in.
  measured.sort((a, b) => list.findIndex((x) => x.name === a.name && x.size === a.size) - list.findIndex((x) => x.name === b.name && x.size === b.size));
  writeResult(req.resultFile, declared ? { ok: true, benchmarks: measured, declared } : { ok: true, benchmarks: measured });
  process.exit(0);
}

void main();
