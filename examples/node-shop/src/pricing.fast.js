'use strict';
// Basket pricing, batched and linear. Same exports and results as pricing.slow.js.

/** Total of a basket in cents: one `findMany` for all product ids. */
async function basketTotal(prisma, basket) {
  const ids = [...new Set(basket.map((line) => line.productId))];
  const products = await prisma.product.findMany({ where: { id: { in: ids } } });
  const price = new Map(products.map((p) => [p.id, p.priceCents]));
  let total = 0;
  for (const line of basket) total += price.get(line.productId) * line.quantity;
  return total;
}

/** Revenue per category: the accumulator is updated in place (it is private to this call). */
function revenueByCategory(lines) {
  return lines.reduce((acc, line) => {
    acc[line.category] = (acc[line.category] ?? 0) + line.cents;
    return acc;
  }, {});
}

/** Distinct SKUs in first-seen order: a Set keeps insertion order and checks membership in O(1). */
function distinctSkus(products) {
  return [...new Set(products.map((p) => p.sku))];
}

module.exports = { basketTotal, revenueByCategory, distinctSkus };
