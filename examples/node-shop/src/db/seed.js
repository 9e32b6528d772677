'use strict';
// Deterministic sample data shared by the in-memory fakes: 200 users, 100 products, 300 orders.

const CATEGORIES = ['books', 'games', 'garden', 'kitchen', 'toys'];

function seed() {
  const users = [];
  for (let id = 1; id <= 200; id++) users.push({ id, name: `Customer ${id}`, email: `customer${id}@example.com`, tier: ['standard', 'silver', 'gold'][id % 3] });
  const products = [];
  for (let id = 1; id <= 100; id++) {
    products.push({ id, sku: `SKU-${String(id).padStart(4, '0')}`, name: `Product ${id}`, category: CATEGORIES[id % CATEGORIES.length], priceCents: 199 + ((id * 37) % 900) });
  }
  const orders = [];
  for (let id = 1; id <= 300; id++) orders.push({ id, customerId: ((id * 7) % 200) + 1, status: ['paid', 'shipped', 'delivered'][id % 3] });
  const stock = products.map((p) => ({ sku: p.sku, quantity: (p.id * 11) % 50 }));
  return { users, products, orders, stock };
}

module.exports = { seed, CATEGORIES };
