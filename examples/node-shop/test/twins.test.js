'use strict';
// The slow and fast twins must agree; the fast ones must make fewer calls / bound their concurrency.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createPrisma } = require('../src/db/fake-prisma');
const { stats } = require('../src/db/latency');
const { seed } = require('../src/db/seed');
const { createInventoryClient } = require('../src/lib/inventory-client');
const { pLimit } = require('../src/lib/limit');

const data = seed();

test('pricing twins agree; the fast basket total makes one query', async () => {
  const slow = require('../src/pricing.slow.js');
  const fast = require('../src/pricing.fast.js');
  const prisma = createPrisma();
  const basket = [{ productId: 3, quantity: 2 }, { productId: 7, quantity: 1 }, { productId: 3, quantity: 1 }];
  let q = stats.queries;
  const a = await slow.basketTotal(prisma, basket);
  assert.equal(stats.queries - q, 3);
  q = stats.queries;
  const b = await fast.basketTotal(prisma, basket);
  assert.equal(stats.queries - q, 1);
  assert.equal(a, b);
  assert.equal(a, 3 * data.products[2].priceCents + data.products[6].priceCents);
  const lines = data.products.map((p) => ({ category: p.category, cents: p.priceCents }));
  assert.deepEqual(slow.revenueByCategory(lines), fast.revenueByCategory(lines));
  assert.deepEqual(slow.distinctSkus([...data.products, ...data.products]), fast.distinctSkus([...data.products, ...data.products]));
});

test('csv twins agree', () => {
  const slow = require('../src/reports/csv.slow.js');
  const fast = require('../src/reports/csv.fast.js');
  assert.equal(slow.ordersCsv(data.orders), fast.ordersCsv(data.orders));
  assert.deepEqual(slow.indexBySku(data.products), fast.indexBySku(data.products));
  const names = data.products.map((p) => p.name);
  for (const width of [10, 20, 80]) assert.equal(slow.packingSlip(names, width), fast.packingSlip(names, width));
});

test('inventory twins agree; the fast ones keep at most 8 requests in flight', async () => {
  const slow = require('../src/inventory/sync.slow.js');
  const fast = require('../src/inventory/sync.fast.js');
  const skus = data.products.map((p) => p.sku);
  const a = createInventoryClient({ latencyMs: 1 });
  const b = createInventoryClient({ latencyMs: 1 });
  assert.deepEqual(await slow.stockLevels(a, skus), await fast.stockLevels(b, skus));
  assert.equal(a.state.peakInFlight, skus.length);
  assert.ok(b.state.peakInFlight <= 8);
  const lines = skus.map((sku) => ({ sku, quantity: 1 }));
  assert.deepEqual(await slow.reserveAll(a, lines), await fast.reserveAll(b, lines));
  slow.touchAll(a, skus);
  await a.idle();
  await fast.touchAll(b, skus);
  assert.deepEqual([...a.state.touched].sort(), [...b.state.touched].sort());
});

test('pLimit bounds concurrency and keeps results', async () => {
  const limit = pLimit(2);
  let active = 0;
  let peak = 0;
  const results = await Promise.all(
    [1, 2, 3, 4, 5].map((n) =>
      limit(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return n * 2;
      }),
    ),
  );
  assert.deepEqual(results, [2, 4, 6, 8, 10]);
  assert.equal(peak, 2);
});
