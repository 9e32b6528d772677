// Catalogue lookups against the item API, one HTTP request per item. items.fast.ts batches them.
import axios from 'axios';

const API = process.env.CATALOG_API ?? 'https://catalog.internal.example';

export interface Item { id: string; name: string; priceCents: number }

/** n-plus-one (HTTP): `fetch` of the same endpoint with each item's id, inside `for…of`. */
export async function cartItems(ids: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const id of ids) {
    const res = await fetch(`${API}/api/items/${id}`);
    if (!res.ok) throw new Error(`item ${id}: HTTP ${res.status}`);
    items.push((await res.json()) as Item);
  }
  return items;
}

/** n-plus-one (HTTP) and unbounded-concurrency: `axios.get` per id, all at once. */
export async function prices(ids: string[]): Promise<Record<string, number>> {
  const responses = await Promise.all(ids.map((id) => axios.get<{ cents: number }>(`${API}/api/prices/${id}`)));
  return Object.fromEntries(responses.map((r, i) => [ids[i], r.data.cents]));
}
