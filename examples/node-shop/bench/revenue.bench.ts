// TypeScript bench file (transpiled on the fly by perf-lens bench): revenue per category with the
// accumulator copied on every line (`{ ...acc, [k]: v }`) against the in-place update.
import { bench, describe } from 'perf-lens/bench';
import * as slow from '../src/pricing.slow.js';
import * as fast from '../src/pricing.fast.js';

interface PricedLine {
  category: string;
  cents: number;
}

const lines: PricedLine[] = Array.from({ length: 500 }, (_, i) => ({ category: `category ${i % 50}`, cents: 100 + (i % 7) }));

describe('revenueByCategory, 500 lines in 50 categories', () => {
  bench('spread accumulator', () => slow.revenueByCategory(lines));
  bench('in-place accumulator', () => fast.revenueByCategory(lines));
});
