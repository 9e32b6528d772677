// The same N+1 shape with other data-access libraries. repositories.fast.ts has the batched twins.
import { DataSource, Repository } from 'typeorm';
import mongoose from 'mongoose';
import knexFactory from 'knex';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';

interface Review { id: string; authorId: string; body: string }
const Review = mongoose.model<Review>('Review', new mongoose.Schema({ authorId: String, body: String }));
const Author = mongoose.model('Author', new mongoose.Schema({ name: String }));
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const db = drizzle(process.env.DATABASE_URL!);

/** TypeORM: `findOneBy` per id inside a `while` loop. */
export async function loadUsers(dataSource: DataSource, ids: number[]) {
  const repo: Repository<{ id: number }> = dataSource.getRepository('User');
  const found = [];
  let i = 0;
  while (i < ids.length) {
    found.push(await repo.findOneBy({ id: ids[i] }));
    i++;
  }
  return found;
}

/** Mongoose: `findById` per review. */
export async function reviewAuthors(reviews: Review[]) {
  const names: Record<string, string | undefined> = {};
  for (const review of reviews) {
    const author = await Author.findById(review.authorId).lean<{ name: string }>();
    names[review.id] = author?.name;
  }
  return names;
}

/** Knex: a query per id in `.map`, awaited together. */
export async function emails(ids: number[]) {
  const rows = await Promise.all(ids.map((id) => knex('users').where('id', id).first('email')));
  return rows.map((r) => r?.email);
}

/** Drizzle: `db.select()` per id. */
export async function userNames(ids: number[]) {
  const names = new Map<number, string>();
  for (const id of ids) {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (row) names.set(id, row.name);
  }
  return names;
}
