// Batched twins of items.slow.ts: the item API accepts a list of ids.
import axios from 'axios';

const API = process.env.CATALOG_API ?? 'https://catalog.internal.example';
// The API caps ids per request; batches of this size keep URLs short.
const MAX_IDS_PER_REQUEST = 100;

export interface Item { id: string; name: string; priceCents: number }

/** One request per 100 ids, in order. */
export async function cartItems(ids: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) {
    const batch = ids.slice(i, i + MAX_IDS_PER_REQUEST);
    const res = await fetch(`${API}/api/items?ids=${batch.map(encodeURIComponent).join(',')}`);
    if (!res.ok) throw new Error(`items: HTTP ${res.status}`);
    items.push(...((await res.json()) as Item[]));
  }
  return items;
}

/** One request for all prices. */
export async function prices(ids: string[]): Promise<Record<string, number>> {
  const { data } = await axios.post<Record<string, number>>(`${API}/api/prices/batch`, { ids });
  return data;
}
