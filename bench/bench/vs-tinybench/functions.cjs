// The three functions bench/bench/vs-tinybench.ts measures with both tools, written once: our benchmark
// file (perf-lens.cjs) and the tinybench child (tinybench-child.mjs) both load this module. Each returns
// its result, which both tools consume, so the work cannot be optimized away. Costs are on a 2-core VM.
'use strict';

const small = Array.from({ length: 100 }, (_, i) => i * 0.5);
const medium = Array.from({ length: 1200 }, (_, i) => i * 0.5);

/** ~100 ns: squares of 100 numbers. */
function sumSquares100() {
  let s = 0;
  for (let i = 0; i < small.length; i++) s += small[i] * small[i];
  return s;
}

/** ~1 µs: squares of 1,200 numbers. */
function sumSquares1200() {
  let s = 0;
  for (let i = 0; i < medium.length; i++) s += medium[i] * medium[i];
  return s;
}

/** ~50 µs: 15,000 square roots. */
function squareRoots() {
  let s = 0;
  for (let i = 0; i < 15000; i++) s += Math.sqrt(i);
  return s;
}

/** Separate functions (not one with a size parameter), so neither shares the other's type feedback. */
module.exports = {
  functions: [
    { name: '~100 ns: 100 squares', fn: sumSquares100 },
    { name: '~1 µs: 1,200 squares', fn: sumSquares1200 },
    { name: '~50 µs: 15,000 square roots', fn: squareRoots },
  ],
};
