// Must stay silent. Webhook delivery calls a different URL per subscriber (a fan-out, not an N+1:
// there is no batched endpoint to call instead), and the concurrency is bounded by a limiter.
import { pLimit } from '../lib/limit';

export interface Subscriber { id: string; url: string; secret: string }
export interface ShopEvent { type: 'order.paid' | 'order.shipped'; orderId: number }

const limit = pLimit(10);

async function post(url: string, secret: string, event: ShopEvent) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shop-signature': secret },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(5_000),
  });
}

/** Delivers an event to every subscriber, at most 10 at a time. */
export async function deliver(event: ShopEvent, subscribers: Subscriber[]) {
  const results = await Promise.allSettled(subscribers.map((s) => limit(() => post(s.url, s.secret, event))));
  return results.map((r, i) => ({ subscriber: subscribers[i].id, ok: r.status === 'fulfilled' && r.value.ok }));
}

/** Re-delivers failed events one by one (the order matters to the receivers). */
export async function redeliver(event: ShopEvent, failed: Subscriber[]) {
  for (const subscriber of failed) {
    await fetch(subscriber.url, { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
  }
}

/** Two independent calls at once: a fixed-size array, not one per element. */
export async function orderPage(orderId: number, api: string) {
  const [order, timeline] = await Promise.all([fetch(`${api}/api/orders/${orderId}`), fetch(`${api}/api/orders/${orderId}/timeline`)]);
  return { order: await order.json(), timeline: await timeline.json() };
}
