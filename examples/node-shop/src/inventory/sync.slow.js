'use strict';
// Inventory sync against a remote service, with concurrency that grows with the input.
// Same exports and results as sync.fast.js. With 50,000 SKUs each function below opens 50,000 requests
// at once: sockets, memory for every pending promise, and the service's rate limit all take the hit.

/**
 * Stock level per SKU.
 * unbounded-concurrency: `Promise.all(skus.map(async ...))` starts every request immediately.
 */
async function stockLevels(inventory, skus) {
  const levels = await Promise.all(
    skus.map(async (sku) => {
      const quantity = await inventory.getStock(sku);
      return [sku, quantity];
    }),
  );
  return new Map(levels);
}

/**
 * Marks SKUs as recently sold.
 * unbounded-concurrency: `forEach(async ...)` starts them all AND returns before any finishes;
 * a rejection becomes an unhandled rejection and the caller cannot wait.
 */
function touchAll(inventory, skus) {
  skus.forEach(async (sku) => {
    await inventory.touch(sku);
  });
}

/**
 * Reserves stock for order lines ({ sku, quantity }[]).
 * unbounded-concurrency: promises pushed in a loop, then awaited together: all in flight at once.
 */
async function reserveAll(inventory, lines) {
  const pending = [];
  for (const line of lines) {
    pending.push(inventory.reserve(line.sku, line.quantity));
  }
  return Promise.all(pending);
}

module.exports = { stockLevels, touchAll, reserveAll };
