'use strict';
// The bounded twins of sync.slow.js: same exports and results, at most CONCURRENCY requests in flight.
// Not "await in a loop" (that is serial: N × latency); still concurrent, just bounded.
const { pLimit, mapLimit, chunk } = require('../lib/limit');

// The inventory service allows 10 concurrent requests per client; stay under it.
const CONCURRENCY = 8;

/** Stock level per SKU, through a p-limit-style limiter. */
async function stockLevels(inventory, skus) {
  const limit = pLimit(CONCURRENCY);
  const levels = await Promise.all(skus.map((sku) => limit(async () => [sku, await inventory.getStock(sku)])));
  return new Map(levels);
}

/** Marks SKUs as recently sold; bounded and awaitable (errors reach the caller). */
async function touchAll(inventory, skus) {
  await mapLimit(skus, CONCURRENCY, (sku) => inventory.touch(sku));
}

/** Reserves stock for order lines, CONCURRENCY at a time (chunks keep the order of results). */
async function reserveAll(inventory, lines) {
  const results = [];
  for (const batch of chunk(lines, CONCURRENCY)) {
    results.push(...(await Promise.all(batch.map((line) => inventory.reserve(line.sku, line.quantity)))));
  }
  return results;
}

module.exports = { stockLevels, touchAll, reserveAll };
