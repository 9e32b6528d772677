// Our side of bench/bench/vs-tinybench.ts: the shared functions as a Perf Lens benchmark file (the harness
// provides 'perf-lens/bench'). The parent runs one benchmark at a time (runBenchmarks' `names`).
'use strict';
const { bench } = require('perf-lens/bench');
const { functions } = require('./functions.cjs');

for (const f of functions) bench(f.name, f.fn);
