// A vitest bench file, exactly as vitest runs it (`npx vitest bench`); `perf-lens bench` runs it too,
// without vitest installed. The quadratic packingSlip (the rope flattened on every name) against its fix.
import { bench, describe } from 'vitest';
import slow from '../src/reports/csv.slow.js';
import fast from '../src/reports/csv.fast.js';

const names = Array.from({ length: 2000 }, (_, i) => `Widget ${i + 1}`);

describe('packingSlip, 2,000 names', () => {
  bench('quadratic (lastIndexOf + +=)', () => {
    slow.packingSlip(names);
  });

  bench('fixed (lines + join)', () => {
    fast.packingSlip(names);
  });
});
