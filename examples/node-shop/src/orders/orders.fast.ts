// The batched twins of orders.slow.ts: one query (or one per relation) whatever the input size.
import { LineItem, Product, pool, prisma } from './models';

/** Orders with their customer: Prisma loads the relation in one extra query (`include`). */
export async function ordersWithCustomers(orderIds: number[]) {
  return prisma.order.findMany({ where: { id: { in: orderIds } }, include: { customer: true } });
}

/** Products of an order's line items: one `findAll` with `IN`, or `include` the association. */
export async function productsForItems(orderId: number) {
  const items = await LineItem.findAll({ where: { orderId } });
  const products = await Product.findAll({ where: { id: items.map((i) => i.productId) } });
  const byId = new Map(products.map((p) => [p.id, p]));
  return items.map((item) => byId.get(item.productId) ?? null);
}

/** The same with the association loaded by Sequelize itself. */
export async function itemsWithProducts(orderId: number) {
  return LineItem.findAll({ where: { orderId }, include: [{ model: Product, as: 'product' }] });
}

/** Stock per SKU: `= ANY($1)` takes the whole array as one parameter. */
export async function stockLevels(skus: string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query('SELECT sku, quantity FROM stock WHERE sku = ANY($1)', [skus]);
  const found = new Map<string, number>(rows.map((r: { sku: string; quantity: number }) => [r.sku, r.quantity]));
  return new Map(skus.map((sku) => [sku, found.get(sku) ?? 0]));
}

/** Total units ordered per customer: one `groupBy`. */
export async function unitsPerCustomer(customerIds: number[]) {
  const rows = await prisma.order.groupBy({ by: ['customerId'], where: { customerId: { in: customerIds } }, _sum: { units: true } });
  const sums = new Map(rows.map((r) => [r.customerId, r._sum.units ?? 0]));
  return new Map(customerIds.map((id) => [id, sums.get(id) ?? 0]));
}
