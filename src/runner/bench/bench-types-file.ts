/**
 * The text of the `perf-lens/bench` declarations (src/core/bench/perf-lens-bench.d.ts, the API's one
 * declaration), as the editor writes it next to a generated TypeScript benchmark: shipped as
 * dist/perf-lens-bench.d.ts next to the bundle (esbuild.mjs copies it), read from the source tree when run
 * from source (tests, tsx).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_TYPES_FILE } from '../../core/bench/bench-types';

let text: string | undefined;

export function readBenchTypes(): string {
  if (text !== undefined) return text;
  const shipped = path.join(__dirname, BENCH_TYPES_FILE);
  const file = fs.existsSync(shipped) ? shipped : path.join(__dirname, '..', '..', 'core', 'bench', BENCH_TYPES_FILE);
  text = fs.readFileSync(file, 'utf8');
  return text;
}
