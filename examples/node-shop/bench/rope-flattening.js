'use strict';
// When is `s += x` in a loop quadratic in V8?  Run: node bench/rope-flattening.js [n]
// packingSlip (reports/csv.*.js) appends n names; the slow one reads `out.lastIndexOf('\n')` every
// iteration, which flattens the rope. "append only" is the same loop without the read.
const slow = require('../src/reports/csv.slow.js');
const fast = require('../src/reports/csv.fast.js');

const n = Number(process.argv[2] ?? 10_000);
const names = Array.from({ length: n }, (_, i) => `Product ${i % 100}`);

function appendOnly(items) {
  let out = '';
  for (const name of items) out += name + ', ';
  return out;
}

function time(label, fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  result.charCodeAt(0); // flatten once, so every variant pays for producing a flat string
  console.log(`${label.padEnd(44)} ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1).padStart(9)} ms  (${result.length} chars)`);
  return result;
}

console.log(`n = ${n}`);
const a = time('packingSlip, slow (lastIndexOf + +=)', () => slow.packingSlip(names));
const b = time('packingSlip, fast (lines array + join)', () => fast.packingSlip(names));
time('append only (+= in a loop, read once)', () => appendOnly(names));
if (a !== b) throw new Error('slow and fast packing slips differ');
