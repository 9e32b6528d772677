'use strict';
// Basket pricing, the slow way. Same exports and results as pricing.fast.js.

/**
 * Total of a basket ({ productId, quantity }[]) in cents.
 * n-plus-one: one `findUnique` round trip per line of the basket.
 */
async function basketTotal(prisma, basket) {
  let total = 0;
  for (const line of basket) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    total += product.priceCents * line.quantity;
  }
  return total;
}

/**
 * Revenue per category for priced lines ({ category, cents }[]).
 * quadratic-building: `{ ...acc, [k]: v }` copies every key collected so far, for every line.
 */
function revenueByCategory(lines) {
  return lines.reduce((acc, line) => ({ ...acc, [line.category]: (acc[line.category] ?? 0) + line.cents }), {});
}

/**
 * Distinct SKUs in first-seen order.
 * quadratic-building: `[...acc, sku]` copies the array on every new SKU.
 */
function distinctSkus(products) {
  return products.reduce((acc, p) => (acc.includes(p.sku) ? acc : [...acc, p.sku]), []);
}

module.exports = { basketTotal, revenueByCategory, distinctSkus };
