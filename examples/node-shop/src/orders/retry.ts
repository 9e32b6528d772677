// Must stay silent: loops with a small constant bound (retries), and a query hoisted out of the loop.
import { prisma } from './models';

const MAX_ATTEMPTS = 3;

/** Up to 3 attempts, whatever the input: not a per-element query. */
export async function findOrderWithRetry(id: number) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await prisma.order.findUniqueOrThrow({ where: { id } });
    } catch (err) {
      if (attempt === 2) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
  throw new Error('unreachable');
}

/** The same budget as a `while` loop with a named constant. */
export async function countPaidWithRetry() {
  let attempt = 0;
  while (attempt < MAX_ATTEMPTS) {
    try {
      return await prisma.order.count({ where: { status: 'paid' } });
    } catch {
      attempt++;
    }
  }
  return 0;
}

/** The customer is loaded once, before the loop; the loop only computes. */
export async function discountedLines(customerId: number, lines: { cents: number }[]) {
  const customer = await prisma.user.findUnique({ where: { id: customerId } });
  const rate = customer?.tier === 'gold' ? 0.9 : 1;
  return lines.map((line) => Math.round(line.cents * rate));
}
