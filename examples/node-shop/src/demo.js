'use strict';
// Runs each runnable slow/fast pair on the same input and prints what differs: query count,
// peak requests in flight, wall time. Results are checked to be identical.
//   node src/demo.js                      (a simulated ~2 ms round trip per query, like a nearby database)
//   SHOP_DB_LATENCY_MS=0 node src/demo.js (no latency: only the per-call overhead remains)
process.env.SHOP_DB_LATENCY_MS ??= '2';
const assert = require('node:assert/strict');
const { createPrisma } = require('./db/fake-prisma');
const { stats } = require('./db/latency');
const { createInventoryClient } = require('./lib/inventory-client');
const { seed } = require('./db/seed');

const twins = (name) => ({ slow: require(`./${name}.slow.js`), fast: require(`./${name}.fast.js`) });

async function timed(fn) {
  const q0 = stats.queries;
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6, queries: stats.queries - q0 };
}

function row(label, variant, r, extra = '') {
  console.log(`${label.padEnd(30)} ${variant.padEnd(5)} ${r.ms.toFixed(1).padStart(9)} ms  ${String(r.queries).padStart(5)} queries ${extra}`);
}

async function main() {
  const data = seed();
  const prisma = createPrisma();
  const pricing = twins('pricing');
  const csv = twins('reports/csv');
  const sync = twins('inventory/sync');

  const basket = data.products.map((p, i) => ({ productId: p.id, quantity: (i % 3) + 1 }));
  const lines = data.products.map((p) => ({ category: p.category, cents: p.priceCents }));
  const names = Array.from({ length: 4000 }, (_, i) => data.products[i % 100].name);

  const pairs = [
    ['pricing.basketTotal', (m) => m.basketTotal(prisma, basket)],
    ['pricing.revenueByCategory', (m) => m.revenueByCategory(lines)],
    ['pricing.distinctSkus', (m) => m.distinctSkus(data.products)],
  ];
  for (const [label, run] of pairs) {
    const slow = await timed(() => run(pricing.slow));
    const fast = await timed(() => run(pricing.fast));
    assert.deepEqual(slow.value, fast.value, label);
    row(label, 'slow', slow);
    row(label, 'fast', fast);
  }
  for (const fn of ['ordersCsv', 'indexBySku', 'packingSlip']) {
    const input = fn === 'ordersCsv' ? data.orders : fn === 'indexBySku' ? data.products : names;
    const slow = await timed(() => csv.slow[fn](input));
    const fast = await timed(() => csv.fast[fn](input));
    assert.deepEqual(slow.value, fast.value, fn);
    row(`reports/csv.${fn}`, 'slow', slow);
    row(`reports/csv.${fn}`, 'fast', fast);
  }

  const skus = data.products.map((p) => p.sku);
  const orderLines = data.orders.map((o) => ({ sku: skus[o.id % skus.length], quantity: 1 }));
  for (const fn of ['stockLevels', 'touchAll', 'reserveAll']) {
    const results = [];
    for (const variant of ['slow', 'fast']) {
      const inventory = createInventoryClient();
      const input = fn === 'reserveAll' ? orderLines : skus;
      const r = await timed(async () => {
        const v = await sync[variant][fn](inventory, input);
        await inventory.idle(); // the slow touchAll returns before its requests finish
        return fn === 'touchAll' ? [...inventory.state.touched].sort() : v;
      });
      results.push(r.value);
      row(`inventory/sync.${fn}`, variant, r, `peak in flight ${inventory.state.peakInFlight}`);
    }
    assert.deepEqual(results[0], results[1], fn);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
