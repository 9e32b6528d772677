/**
 * The benchmark API a bench file sees, as vitest's: `bench(name, fn, options?)`, `describe(name, fn)`,
 * `.skip` / `.only` / `.todo`, options `time`, `iterations`, `warmupTime`, `warmupIterations`, `setup`,
 * `teardown`, and the suite hooks `beforeAll` / `afterAll` / `beforeEach` / `afterEach` that vitest bench
 * files import (their data set-up lives there) — plus `bench.sizes(name, sizes, (n) => fn, options?)` for a
 * benchmark over input sizes. Calls only collect; harness.ts runs what was collected once the file has loaded.
 *
 * Collection is vitest's: loading the file registers its top-level benchmarks and suites; `collect()` then
 * runs each describe() callback in declaration order, awaiting it when it is async (`describe(name, async ()
 * => { const data = await readFile(…); bench(…) })`), so the benchmarks declared after its `await` still
 * belong to their suite; nested suites run after their parent's callback, in order. The benchmarks keep the
 * declaration order. Two benchmarks with the same full name in one file are refused (their results would be
 * merged into one row).
 * The types are core's (src/core/bench/bench-api.ts): `api()` returns a `BenchModule`, checked by the compiler.
 */
import { pathToFileURL } from 'node:url';

import type { BenchApi, BenchFunction, BenchHook, BenchModule, BenchOptions, DescribeApi, SuiteHook, SuiteHookKind } from '../../core/bench/bench-api';

export type { BenchHook, BenchOptions, SuiteHook };
export type BenchFn = BenchFunction;

/** A describe() block, or the file itself (the root): its hooks, in registration order. */
export interface BenchSuite {
  name: string;
  beforeAll: SuiteHook[];
  afterAll: SuiteHook[];
  beforeEach: SuiteHook[];
  afterEach: SuiteHook[];
}

export interface CollectedBenchmark {
  /** Full name: describe names and the bench name, joined with " > ". */
  name: string;
  line?: number;
  size?: number;
  /** The function to time, or (bench.sizes) a factory that builds it for this size. */
  make: () => BenchFn | Promise<BenchFn>;
  options: BenchOptions;
  only: boolean;
  /** The suites around it, the file's root first. */
  suites: BenchSuite[];
}

export class BenchApiError extends Error {}

const NAME_SEPARATOR = ' > ';

/** A describe() block (or the file, the root) while collecting: its callback, and what it declared in order. */
interface SuiteNode {
  name: string;
  only: boolean;
  skip: boolean;
  hooks: BenchSuite;
  parent: SuiteNode | null;
  factory?: () => unknown;
  /** Benchmarks (one declaration: several for bench.sizes) and nested suites, in declaration order. */
  children: Array<{ benchmarks: CollectedBenchmark[] } | { suite: SuiteNode }>;
}

/** Collects the benchmarks of one file. */
export class BenchCollector {
  /** Every benchmark collected, in declaration order: complete once `collect()` has resolved. */
  benchmarks: CollectedBenchmark[] = [];
  private readonly root: BenchSuite = newSuite('');
  private readonly rootNode: SuiteNode = { name: '', only: false, skip: false, hooks: this.root, parent: null, children: [] };
  /** The suite whose callback is running (the root while the file loads). */
  private current: SuiteNode = this.rootNode;
  private readonly fileMarkers: string[];

  constructor(file: string) {
    this.fileMarkers = [pathToFileURL(file).href, file];
  }

  /** The 1-based line of the caller's frame in the benchmark file (source-mapped for TypeScript). */
  private callerLine(): number | undefined {
    const stack = new Error().stack ?? '';
    for (const frame of stack.split('\n').slice(1)) {
      for (const marker of this.fileMarkers) {
        const at = frame.indexOf(marker + ':');
        if (at < 0) continue;
        const m = /^:(\d+):\d+/.exec(frame.slice(at + marker.length));
        if (m) return Number(m[1]);
      }
    }
    return undefined;
  }

  /** The describe() blocks around the current point, outermost first (the root not included). */
  private get suites(): SuiteNode[] {
    const out: SuiteNode[] = [];
    for (let n: SuiteNode | null = this.current; n && n.parent; n = n.parent) out.unshift(n);
    return out;
  }

  private fullName(name: string): string {
    return [...this.suites.map((s) => s.name), name].join(NAME_SEPARATOR);
  }

  private get enclosing(): BenchSuite[] {
    return [this.root, ...this.suites.map((s) => s.hooks)];
  }

  private hook(kind: SuiteHookKind, fn: unknown): void {
    if (typeof fn !== 'function') throw new BenchApiError(`${kind}() needs a function`);
    if (this.skipped) return;
    this.current.hooks[kind].push(fn as SuiteHook);
  }

  private get skipped(): boolean {
    return this.suites.some((s) => s.skip);
  }

  private get inOnly(): boolean {
    return this.suites.some((s) => s.only);
  }

  add(name: unknown, fn: unknown, options: unknown, only: boolean): void {
    const n = nameOf(name, 'bench');
    if (typeof fn !== 'function') throw new BenchApiError(`bench("${n}") needs a function to time as its second argument`);
    const opts = checkOptions(options, n);
    if (this.skipped) return;
    const b: CollectedBenchmark = { name: this.fullName(n), make: () => fn as BenchFn, options: opts, only: only || this.inOnly, suites: this.enclosing };
    const line = this.callerLine();
    if (line !== undefined) b.line = line;
    this.current.children.push({ benchmarks: [b] });
  }

  addSizes(name: unknown, sizes: unknown, factory: unknown, options: unknown, only: boolean): void {
    const n = nameOf(name, 'bench.sizes');
    if (!Array.isArray(sizes) || sizes.length === 0 || sizes.some((s) => !(typeof s === 'number' && Number.isFinite(s) && s > 0))) {
      throw new BenchApiError(`bench.sizes("${n}") needs a non-empty array of positive numbers as its second argument`);
    }
    if (new Set(sizes).size !== sizes.length) throw new BenchApiError(`bench.sizes("${n}") lists a size twice`);
    if (typeof factory !== 'function') throw new BenchApiError(`bench.sizes("${n}") needs a function (n) => function to time as its third argument`);
    const opts = checkOptions(options, n);
    if (this.skipped) return;
    const line = this.callerLine();
    const declared: CollectedBenchmark[] = [];
    for (const size of sizes as number[]) {
      const make = async (): Promise<BenchFn> => {
        const fn = await (factory as (n: number) => unknown)(size);
        if (typeof fn !== 'function') throw new BenchApiError(`bench.sizes("${n}") factory returned ${typeof fn} for size ${size}, not a function to time`);
        return fn as BenchFn;
      };
      const b: CollectedBenchmark = { name: this.fullName(n), size, make, options: opts, only: only || this.inOnly, suites: this.enclosing };
      if (line !== undefined) b.line = line;
      declared.push(b);
    }
    this.current.children.push({ benchmarks: declared });
  }

  suite(name: unknown, fn: unknown, mode: 'run' | 'only' | 'skip'): void {
    const n = nameOf(name, 'describe');
    if (fn === undefined) return; // describe.todo-like: nothing to collect
    if (typeof fn !== 'function') throw new BenchApiError(`describe("${n}") needs a function as its second argument`);
    // Run later, by collect(): an async callback is awaited there, with this suite current until it settles.
    const suite: SuiteNode = { name: n, only: mode === 'only', skip: mode === 'skip', hooks: newSuite(n), parent: this.current, factory: fn as () => unknown, children: [] };
    this.current.children.push({ suite });
  }

  /**
   * Runs the describe() callbacks the file registered (awaiting async ones, one at a time, in declaration
   * order), then lists the benchmarks in declaration order. Throws a BenchApiError when two benchmarks share
   * a full name. Call once, after the file has loaded.
   */
  async collect(): Promise<void> {
    await this.collectSuite(this.rootNode);
    const out: CollectedBenchmark[] = [];
    const byName = new Map<string, CollectedBenchmark>();
    const walk = (node: SuiteNode) => {
      for (const child of node.children) {
        if ('suite' in child) {
          walk(child.suite);
          continue;
        }
        const first = child.benchmarks[0];
        if (first === undefined) continue;
        const earlier = byName.get(first.name);
        if (earlier) {
          const where =
            earlier.line === undefined || first.line === undefined ? '' : earlier.line === first.line ? ` (both declared at line ${first.line})` : ` (lines ${earlier.line} and ${first.line})`;
          throw new BenchApiError(`two benchmarks in this file are named "${first.name}"${where}: their results would be merged into one row; give one of them another name`);
        }
        byName.set(first.name, first);
        out.push(...child.benchmarks);
      }
    };
    walk(this.rootNode);
    this.benchmarks = out;
  }

  private async collectSuite(node: SuiteNode): Promise<void> {
    if (node.factory) {
      const outer = this.current;
      this.current = node;
      try {
        await node.factory();
      } finally {
        this.current = outer;
      }
    }
    // Nested suites were registered while the callback ran: their callbacks run now, in order.
    for (const child of node.children) if ('suite' in child) await this.collectSuite(child.suite);
  }

  /** What runs: the `.only` ones when there are any, else all. */
  selected(): CollectedBenchmark[] {
    return this.benchmarks.some((b) => b.only) ? this.benchmarks.filter((b) => b.only) : this.benchmarks;
  }

  /** The API object the file imports (`bench`, `describe`, the hooks, and a default export with them): core's BenchModule. */
  api(): BenchModule {
    const bench: BenchApi = Object.assign((name: unknown, fn?: unknown, options?: unknown) => this.add(name, fn, options, false), {
      only: (name: unknown, fn?: unknown, options?: unknown) => this.add(name, fn, options, true),
      skip: (name: unknown) => void nameOf(name, 'bench.skip'),
      todo: (name: unknown) => void nameOf(name, 'bench.todo'),
      skipIf: (condition: unknown) => (condition ? bench.skip : bench) as BenchApi,
      runIf: (condition: unknown) => (condition ? bench : bench.skip) as BenchApi,
      sizes: (name: unknown, sizes: unknown, factory: unknown, options?: unknown) => this.addSizes(name, sizes, factory, options, false),
    });
    const describe: DescribeApi = Object.assign((name: unknown, fn?: unknown) => this.suite(name, fn, 'run'), {
      only: (name: unknown, fn?: unknown) => this.suite(name, fn, 'only'),
      skip: (name: unknown, fn?: unknown) => this.suite(name, fn, 'skip'),
      todo: (name: unknown) => void nameOf(name, 'describe.todo'),
      skipIf: (condition: unknown) => (condition ? describe.skip : describe) as DescribeApi,
      runIf: (condition: unknown) => (condition ? describe : describe.skip) as DescribeApi,
    });
    const hooks = {
      beforeAll: (fn: unknown) => this.hook('beforeAll', fn),
      afterAll: (fn: unknown) => this.hook('afterAll', fn),
      beforeEach: (fn: unknown) => this.hook('beforeEach', fn),
      afterEach: (fn: unknown) => this.hook('afterEach', fn),
    };
    return { bench, describe, ...hooks, default: { bench, describe, ...hooks } };
  }
}

function newSuite(name: string): BenchSuite {
  return { name, beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

function nameOf(name: unknown, call: string): string {
  if (typeof name === 'function' && name.name) return name.name; // vitest accepts a named function as the name
  if (typeof name !== 'string' || name.trim() === '') throw new BenchApiError(`${call}() needs a name (a non-empty string) as its first argument`);
  return name;
}

function checkOptions(options: unknown, name: string): BenchOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new BenchApiError(`the options of bench("${name}") must be an object`);
  const o = options as Record<string, unknown>;
  const out: BenchOptions = {};
  for (const key of ['time', 'warmupTime'] as const) {
    if (o[key] === undefined) continue;
    if (!(typeof o[key] === 'number' && Number.isFinite(o[key]) && (o[key] as number) >= 0)) throw new BenchApiError(`bench("${name}"): ${key} must be a number of milliseconds`);
    out[key] = o[key] as number;
  }
  for (const key of ['iterations', 'warmupIterations'] as const) {
    if (o[key] === undefined) continue;
    if (!(Number.isSafeInteger(o[key]) && (o[key] as number) >= 0)) throw new BenchApiError(`bench("${name}"): ${key} must be a whole number`);
    out[key] = o[key] as number;
  }
  for (const key of ['setup', 'teardown'] as const) {
    if (o[key] === undefined) continue;
    if (typeof o[key] !== 'function') throw new BenchApiError(`bench("${name}"): ${key} must be a function`);
    out[key] = o[key] as BenchHook;
  }
  return out;
}
