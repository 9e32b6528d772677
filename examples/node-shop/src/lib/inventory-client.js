'use strict';
// A fake client for a remote inventory service. It records how many calls were in flight at once
// (`peakInFlight`): the number an unbounded fan-out drives up with the input size, and the number the
// real service's rate limiter, connection pool or file-descriptor limit would refuse.
const { seed } = require('../db/seed');

function createInventoryClient({ latencyMs = Number(process.env.SHOP_API_LATENCY_MS ?? 1) } = {}) {
  const stock = new Map(seed().stock.map((s) => [s.sku, s.quantity]));
  const state = { calls: 0, inFlight: 0, peakInFlight: 0, touched: new Set() };
  const call = async (fn) => {
    state.calls++;
    state.inFlight++;
    state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return fn();
    } finally {
      state.inFlight--;
    }
  };
  return {
    state,
    getStock: (sku) => call(() => stock.get(sku) ?? 0),
    reserve: (sku, quantity) =>
      call(() => {
        const left = (stock.get(sku) ?? 0) - quantity;
        if (left < 0) return { sku, ok: false };
        stock.set(sku, left);
        return { sku, ok: true };
      }),
    touch: (sku) => call(() => void state.touched.add(sku)),
    /** Resolves once nothing is in flight (for fire-and-forget code that cannot be awaited). */
    async idle() {
      while (state.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    },
  };
}

module.exports = { createInventoryClient };
