'use strict';
// A simulated network round trip per query. SHOP_DB_LATENCY_MS=2 makes each query wait ~2 ms (a same-region
// database); 0 (the default) resolves on the next microtask, so only the per-call overhead remains.

const stats = { queries: 0 };

function roundTrip() {
  stats.queries++;
  const ms = Number(process.env.SHOP_DB_LATENCY_MS ?? 0);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

module.exports = { roundTrip, stats };
