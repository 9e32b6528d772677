'use strict';
// An in-memory stand-in for a PrismaClient with the call shapes the example uses:
// findUnique({ where: { id } }), findMany({ where: { field: value | { in: [...] } } }), count().
// Each call is one "query" (see latency.js), so N+1 code really makes N+1 calls.
const { seed } = require('./seed');
const { roundTrip } = require('./latency');

function matches(row, where = {}) {
  for (const [field, cond] of Object.entries(where)) {
    if (cond !== null && typeof cond === 'object' && Array.isArray(cond.in)) {
      if (!cond.in.includes(row[field])) return false;
    } else if (row[field] !== cond) return false;
  }
  return true;
}

function model(rows) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    async findUnique({ where }) {
      await roundTrip();
      const row = byId.get(where.id);
      return row ? { ...row } : null;
    },
    async findMany({ where } = {}) {
      await roundTrip();
      // An `in` list is turned into a Set so batched queries stay fair to the fake.
      const w = { ...where };
      const sets = Object.entries(w).filter(([, c]) => c && Array.isArray(c.in)).map(([f, c]) => [f, new Set(c.in)]);
      for (const [f] of sets) delete w[f];
      return rows.filter((r) => matches(r, w) && sets.every(([f, s]) => s.has(r[f]))).map((r) => ({ ...r }));
    },
    async count({ where } = {}) {
      await roundTrip();
      return rows.filter((r) => matches(r, where)).length;
    },
  };
}

function createPrisma() {
  const data = seed();
  return { user: model(data.users), product: model(data.products), order: model(data.orders) };
}

module.exports = { createPrisma };
