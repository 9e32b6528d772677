// Batched twins of repositories.slow.ts.
import { DataSource, In, Repository } from 'typeorm';
import mongoose from 'mongoose';
import knexFactory from 'knex';
import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import { users } from './schema';

interface Review { id: string; authorId: string; body: string }
const Author = mongoose.model('Author', new mongoose.Schema({ name: String }));
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const db = drizzle(process.env.DATABASE_URL!);

/** TypeORM: `findBy({ id: In(ids) })`. */
export async function loadUsers(dataSource: DataSource, ids: number[]) {
  const repo: Repository<{ id: number }> = dataSource.getRepository('User');
  const rows = await repo.findBy({ id: In(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Mongoose: one `$in` query (or `populate` when the review stores a ref). */
export async function reviewAuthors(reviews: Review[]) {
  const authors = await Author.find({ _id: { $in: reviews.map((r) => r.authorId) } }).lean<{ _id: unknown; name: string }[]>();
  const byId = new Map(authors.map((a) => [String(a._id), a.name]));
  return Object.fromEntries(reviews.map((r) => [r.id, byId.get(r.authorId)]));
}

/** Knex: `whereIn`. */
export async function emails(ids: number[]) {
  const rows: { id: number; email: string }[] = await knex('users').whereIn('id', ids).select('id', 'email');
  const byId = new Map(rows.map((r) => [r.id, r.email]));
  return ids.map((id) => byId.get(id));
}

/** Drizzle: `inArray`. */
export async function userNames(ids: number[]) {
  const rows = await db.select().from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
