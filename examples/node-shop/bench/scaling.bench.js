'use strict';
// How the packingSlip twins grow with the number of names: bench.sizes runs each size as its own
// benchmark and `perf-lens bench` fits the exponent (≈ O(n^2) for the quadratic one, ≈ O(n) fixed).
// The factory builds the input once per size, outside the timed function.
const { bench } = require('perf-lens/bench');
const slow = require('../src/reports/csv.slow.js');
const fast = require('../src/reports/csv.fast.js');

const namesOf = (n) => Array.from({ length: n }, (_, i) => `Widget ${i + 1}`);

bench.sizes('packingSlip quadratic', [500, 1000, 2000, 4000], (n) => {
  const names = namesOf(n);
  return () => slow.packingSlip(names);
});

bench.sizes('packingSlip fixed', [500, 1000, 2000, 4000], (n) => {
  const names = namesOf(n);
  return () => fast.packingSlip(names);
});
