// Order queries with N+1 round trips. orders.fast.ts has the same functions, batched.
import { LineItem, Product, pool, prisma } from './models';

/** Orders with their customer. n-plus-one: Prisma `findUnique` per order inside `for…of`. */
export async function ordersWithCustomers(orderIds: number[]) {
  const orders = await prisma.order.findMany({ where: { id: { in: orderIds } } });
  const result = [];
  for (const order of orders) {
    const customer = await prisma.user.findUnique({ where: { id: order.customerId } });
    result.push({ ...order, customer });
  }
  return result;
}

/**
 * Products of an order's line items.
 * n-plus-one: Sequelize `findByPk` per item inside `.map` — and every query starts at once
 * (unbounded-concurrency), so a 500-line order asks the pool for 500 connections.
 */
export async function productsForItems(orderId: number) {
  const items = await LineItem.findAll({ where: { orderId } });
  return Promise.all(items.map((item) => Product.findByPk(item.productId)));
}

/** Stock per SKU. n-plus-one: one `pool.query` per SKU. */
export async function stockLevels(skus: string[]): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  for (const sku of skus) {
    const { rows } = await pool.query('SELECT quantity FROM stock WHERE sku = $1', [sku]);
    levels.set(sku, rows[0]?.quantity ?? 0);
  }
  return levels;
}

/** Total units ordered per customer. n-plus-one: `aggregate` per customer inside an async `reduce` (serial). */
export async function unitsPerCustomer(customerIds: number[]) {
  return customerIds.reduce(async (accP, customerId) => {
    const acc = await accP;
    const { _sum } = await prisma.order.aggregate({ where: { customerId }, _sum: { units: true } });
    acc.set(customerId, _sum.units ?? 0);
    return acc;
  }, Promise.resolve(new Map<number, number>()));
}
