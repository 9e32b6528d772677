// Where `perf-lens bench` finds time budgets: --config, perf-lens.config.json, package.json "perfLens".
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BudgetConfigError, loadBudgetConfig } from '../../../src/runner/bench/budgets-config';
import { makeTree } from './helpers';

const BUDGETS = { 'csv export': { mean: '2ms', p99: '5ms' } };

describe('loadBudgetConfig', () => {
  test('perf-lens.config.json "bench.budgets" in the folder or above, before package.json', () => {
    const dir = makeTree({
      'perf-lens.config.json': JSON.stringify({ bench: { budgets: BUDGETS } }),
      'package.json': JSON.stringify({ perfLens: { bench: { budgets: { other: { mean: '1s' } } } } }),
      'sub/deeper/x.js': '',
    });
    const c = loadBudgetConfig(path.join(dir, 'sub', 'deeper'));
    assert.equal(c.source, path.join(dir, 'perf-lens.config.json'));
    assert.deepEqual(c.budgets, [{ name: 'csv export', limits: [{ stat: 'mean', ns: 2e6, text: '2ms' }, { stat: 'p99', ns: 5e6, text: '5ms' }] }]);
  });

  test('package.json "perfLens.bench.budgets"; a package.json without it ends the search with no budgets', () => {
    const dir = makeTree({
      'perf-lens.config.json': JSON.stringify({ bench: { budgets: { outer: { mean: '1ms' } } } }),
      'app/package.json': JSON.stringify({ name: 'app', perfLens: { bench: { budgets: BUDGETS } } }),
      'lib/package.json': JSON.stringify({ name: 'lib' }),
    });
    assert.deepEqual(loadBudgetConfig(path.join(dir, 'app')).budgets.map((b) => b.name), ['csv export']);
    const lib = loadBudgetConfig(path.join(dir, 'lib'));
    assert.deepEqual(lib, { budgets: [], source: path.join(dir, 'lib', 'package.json') });
  });

  test('--config names the file; mistakes are one sentence naming the file', () => {
    const dir = makeTree({
      'budgets.json': JSON.stringify({ bench: { budgets: BUDGETS } }),
      'bad-unit.json': JSON.stringify({ bench: { budgets: { x: { mean: '2 parsecs' } } } }),
      'bad-stat.json': JSON.stringify({ bench: { budgets: { x: { average: '2ms' } } } }),
      'broken.json': '{ "bench": ',
    });
    assert.equal(loadBudgetConfig(dir, 'budgets.json').budgets.length, 1);
    assert.throws(() => loadBudgetConfig(dir, 'bad-unit.json'), (e: unknown) => e instanceof BudgetConfigError && /bad-unit\.json "bench\.budgets": the mean budget of "x": "2 parsecs" is not a duration/.test(e.message));
    assert.throws(() => loadBudgetConfig(dir, 'bad-stat.json'), /limits "average", which is not one of mean, median, p75, p99/);
    assert.throws(() => loadBudgetConfig(dir, 'broken.json'), /broken\.json is not valid JSON/);
    assert.throws(() => loadBudgetConfig(dir, 'absent.json'), /cannot read .*absent\.json \(ENOENT\)/);
  });
});
