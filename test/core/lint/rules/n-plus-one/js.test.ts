import { runRuleTable } from '../../rule-tester';

runRuleTable('n-plus-one', 'js', {
  invalid: [
    {
      name: 'a for loop stepping by 1 (i += 1) is an element loop',
      code: `for (let i = 0; i < ids.length; i += 1) {
  rows.push(await db.query('SELECT * FROM items WHERE id = $1', [ids[i]]));
}`,
      errors: [{ line: 2, column: 19, messageId: 'perElement' }],
    },
    {
      name: 'Prisma findUnique in for…of (NestJS service)',
      code: `@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService) {}
  async withCustomers(orders: Order[]) {
    for (const order of orders) {
      order.customer = await this.prisma.customer.findUnique({ where: { id: order.customerId } });
    }
    return orders;
  }
}`,
      errors: [{ line: 6, column: 30, messageId: 'perElement', message: '`this.prisma.customer.findUnique` runs once per element of `orders` (for…of at line 5)' }],
    },
    {
      name: 'Promise.all(xs.map(async x => prisma…)) is still N queries',
      code: `export async function GET() {
  const posts = await prisma.post.findMany({ take: 20 });
  const withAuthors = await Promise.all(
    posts.map(async (p) => ({ ...p, author: await prisma.user.findFirst({ where: { id: p.authorId } }) })),
  );
  return Response.json(withAuthors);
}`,
      errors: [{ line: 4, column: 51, messageId: 'perElement', message: '(.map callback at line 4)' }],
    },
    {
      name: 'Prisma inside an interactive transaction (tx.x)',
      code: `await prisma.$transaction(async (tx) => {
  for (const line of cart.lines) {
    await tx.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.qty } } });
  }
});`,
      errors: [{ line: 3, column: 11, message: 'updateMany' }],
    },
    {
      name: 'ctx.db in a tRPC procedure, forEach callback',
      file: 'src/server/routers/team.ts',
      code: `export const teamRouter = router({
  invite: protectedProcedure.mutation(async ({ ctx, input }) => {
    input.emails.forEach(async (email) => {
      await ctx.db.invitation.create({ data: { email, teamId: input.teamId } });
    });
  }),
});`,
      errors: [{ line: 4, column: 13, message: '`ctx.db.invitation.create` runs once per element of `input.emails`' }],
    },
    {
      name: 'Sequelize findByPk on a PascalCase model in a classic for loop (.js)',
      file: 'routes/orders.js',
      code: `const { Order, User } = require('../models');
router.get('/orders', async (req, res) => {
  const orders = await Order.findAll({ limit: 50 });
  for (let i = 0; i < orders.length; i++) {
    orders[i].dataValues.user = await User.findByPk(orders[i].userId);
  }
  res.json(orders);
});`,
      errors: [{ line: 5, column: 39, message: 'findAll({ where: { id: ids } })' }],
    },
    {
      name: 'Sequelize count per element in a map callback',
      file: 'src/stats.js',
      code: `const Comment = require('./models/comment');
async function counts(posts) {
  return Promise.all(posts.map((post) => Comment.count({ where: { postId: post.id } })));
}`,
      errors: [{ line: 3, column: 42, message: 'Sequelize' }],
    },
    {
      name: 'Prisma count per element: the advice is a grouped query, not a fetch by ids',
      code: `export async function withPostCounts(users: User[]) {
  for (const user of users) {
    user.postCount = await prisma.post.count({ where: { authorId: user.id } });
  }
}`,
      errors: [{ line: 3, column: 28, messageId: 'perElement', message: '`groupBy({ by: [\'userId\'], where: { userId: { in: ids } }, _count: true })`' }],
    },
    {
      name: 'TypeORM repository findOneBy in for…of',
      code: `export class InvoiceService {
  constructor(@InjectRepository(Customer) private customerRepository: Repository<Customer>) {}
  async enrich(invoices: Invoice[]) {
    for (const inv of invoices) {
      inv.customer = await this.customerRepository.findOneBy({ id: inv.customerId });
    }
  }
}`,
      errors: [{ line: 5, column: 28, message: 'findBy({ id: In(ids) })' }],
    },
    {
      name: 'TypeORM getRepository(X) and query builder per element',
      code: `import { getRepository } from 'typeorm';
async function load(ids: number[]) {
  for (const id of ids) {
    await getRepository(Photo).findOne({ where: { id } });
    await dataSource.createQueryBuilder(User, 'u').where('u.id = :id', { id }).getOne();
  }
}`,
      errors: [
        { line: 4, column: 11, message: '`getRepository(Photo).findOne`' },
        { line: 5, column: 11, message: 'createQueryBuilder' },
      ],
    },
    {
      name: 'Mongoose findById on an injected model (this.userModel)',
      code: `export class FeedService {
  constructor(@InjectModel(User.name) private userModel: Model<User>) {}
  async authors(posts: Post[]) {
    return Promise.all(posts.map((p) => this.userModel.findById(p.authorId).lean()));
  }
}`,
      errors: [{ line: 4, column: 41, message: '$in' }],
    },
    {
      name: 'Knex query per element, with first()',
      file: 'src/repo.js',
      code: `const knex = require('knex')(config);
async function attachAddresses(users) {
  for (const user of users) {
    user.address = await knex('addresses').where({ user_id: user.id }).first();
  }
}`,
      errors: [{ line: 4, column: 26, message: "`knex('addresses').where(…).first` runs once per element of `users`" }],
    },
    {
      name: 'Drizzle select and relational query per element',
      code: `import { eq } from 'drizzle-orm';
import { db } from './db';
export async function hydrate(orders: Order[]) {
  for (const o of orders) {
    o.items = await db.select().from(orderItems).where(eq(orderItems.orderId, o.id));
    o.customer = await db.query.customers.findFirst({ where: eq(customers.id, o.customerId) });
  }
}`,
      errors: [
        { line: 5, column: 21, message: 'inArray' },
        { line: 6, column: 24, message: '`db.query.customers.findFirst`' },
      ],
    },
    {
      name: 'pg pool.query in a loop suggests = ANY($1)',
      file: 'src/jobs/sync.mjs',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function sync(rows) {
  for (const row of rows) {
    const { rows: found } = await pool.query('SELECT * FROM accounts WHERE id = $1', [row.accountId]);
  }
}`,
      errors: [{ line: 5, column: 35, message: '= ANY($1)' }],
    },
    {
      name: 'mysql2 connection.execute in a while loop over a queue',
      file: 'src/worker.ts',
      code: `import mysql from 'mysql2/promise';
async function drain(queue: Job[], connection: mysql.Connection) {
  while (queue.length > 0) {
    const job = queue.shift()!;
    await connection.execute('UPDATE jobs SET done = 1 WHERE id = ?', [job.id]);
  }
}`,
      errors: [{ line: 5, column: 11, message: 'once per element of `queue` (while at line 3)' }],
    },
    {
      name: 'fetch to one endpoint with the element id interpolated',
      file: 'app/components/cart.tsx',
      code: `export async function loadPrices(items: CartItem[]) {
  const prices = [];
  for (const item of items) {
    const res = await fetch(\`/api/prices/\${item.sku}\`);
    prices.push(await res.json());
  }
  return prices;
}`,
      errors: [{ line: 4, column: 23, messageId: 'perElement', message: 'one request per element' }],
    },
    {
      name: 'axios.get with a base URL and the key (Express handler)',
      file: 'src/routes/users.js',
      code: `const axios = require('axios');
app.get('/users', async (req, res) => {
  const users = await User.findAll();
  const profiles = await Promise.all(users.map((u) => axios.get(\`\${PROFILE_API}/profiles/\${u.id}\`)));
  res.json(profiles.map((p) => p.data));
});`,
      errors: [{ line: 4, column: 55, message: 'DataLoader' }],
    },
    {
      name: "string concatenation URL: '/users/' + u.id with got",
      file: 'scripts/backfill.js',
      code: `const got = require('got');
async function run(users) {
  for (const u of users) {
    await got.post('https://api.example.com/users/' + u.id + '/refresh');
  }
}`,
      errors: [{ line: 4, column: 11, message: '`got.post`' }],
    },
    {
      name: 'a query that does not depend on the element says so',
      code: `async function price(lines: Line[]) {
  let total = 0;
  for (const line of lines) {
    const settings = await prisma.settings.findFirst();
    total += line.qty * line.price * (1 + settings!.vatRate);
  }
  return total;
}`,
      errors: [{ line: 4, column: 28, messageId: 'loopInvariant', message: 'run it once before the loop' }],
    },
    {
      name: 'recursion over children (loading a category tree)',
      code: `async function loadTree(node: Category): Promise<Category> {
  const children = await prisma.category.findMany({ where: { parentId: node.id } });
  node.children = [];
  for (const child of children) node.children.push(await loadTree(child));
  return node;
}`,
      errors: [{ line: 2, column: 26, message: '`loadTree` calls itself over `children` (line 4)' }],
    },
    {
      name: 'recursion over the rest of a list',
      file: 'src/sequential.js',
      code: `async function saveAll([first, ...rest]) {
  if (!first) return;
  await db.query('INSERT INTO events (payload) VALUES ($1)', [first]);
  return saveAll(rest);
}`,
      errors: [{ line: 3, column: 9, message: '`saveAll` calls itself over `rest`' }],
    },
    {
      name: 'MongoDB driver collection().findOne per element',
      code: `export async function owners(db: Db, pets: Pet[]) {
  return Promise.all(pets.map((pet) => db.collection('owners').findOne({ _id: pet.ownerId })));
}`,
      errors: [{ line: 2, column: 40, message: '$in' }],
    },
    {
      name: 'Supabase per element',
      file: 'lib/profiles.ts',
      code: `export async function profiles(ids: string[]) {
  const out = [];
  for (const id of ids) {
    const { data } = await supabase.from('profiles').select('*').eq('id', id).single();
    out.push(data);
  }
  return out;
}`,
      errors: [{ line: 4, column: 28, message: ".in('id', ids)" }],
    },
    {
      name: 'extra data-access patterns from settings',
      config: { extraDataAccess: ['api.items.get', '*.fetchOne'] },
      code: `async function run(keys: string[]) {
  for (const k of keys) {
    await api.items.get(k);
    await this.store.fetchOne(k);
  }
}`,
      errors: [
        { line: 3, column: 11, message: '`api.items.get`' },
        { line: 4, column: 11, message: '`this.store.fetchOne`' },
      ],
    },
    {
      name: 'a call wrapped in a limiter inside the map is still one query per element',
      code: `const limit = pLimit(5);
await Promise.all(ids.map((id) => limit(() => prisma.user.findUnique({ where: { id } }))));`,
      errors: [{ line: 2, column: 47 }],
    },
    {
      name: 'Prisma $queryRaw tagged template per element',
      code: `for (const id of ids) {
  await prisma.$queryRaw\`SELECT * FROM "User" WHERE id = \${id}\`;
}`,
      errors: [{ line: 2, column: 9, message: 'prisma.$queryRaw' }],
    },
    {
      name: 'a storage / DAO layer awaited per element (Express + Drizzle-backed storage)',
      file: 'server/routes.ts',
      code: `app.get('/api/user/meals', authMiddleware, async (req, res) => {
  const orderItems = await storage.getOrderItems(req.session.orderId);
  const itemsWithMeals = [];
  for (const item of orderItems) {
    const meal = await storage.getMeal(item.mealId);
    if (meal) itemsWithMeals.push({ ...item, meal });
  }
  res.json(itemsWithMeals);
});`,
      errors: [{ line: 5, column: 24, message: '`storage.getMeal` runs once per element of `orderItems`' }],
    },
  ],
  valid: [
    {
      name: 'localStorage and un-awaited storage reads',
      file: 'app/prefs.ts',
      code: `for (const key of keys) {
  prefs[key] = localStorage.getItem(key);
  cache.push(storage.getCached(key));
}`,
    },
    {
      name: 'a for loop stepping by a batch size: one request per chunk of ids',
      code: `for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) {
  const batch = ids.slice(i, i + MAX_IDS_PER_REQUEST);
  const res = await fetch(\`\${API}/api/items?ids=\${batch.join(',')}\`);
  items.push(...(await res.json()));
}`,
    },
    {
      name: 'a for loop stepping with i = i + size: one POST per chunk',
      code: `for (let offset = 0; offset < userIds.length; offset = offset + 500) {
  const chunk = userIds.slice(offset, offset + 500);
  await axios.post(\`\${API}/users/\${chunk[0]}/deactivate\`, { ids: chunk });
}`,
    },
    {
      name: 'retry loop with a small literal bound',
      code: `for (let attempt = 0; attempt < 3; attempt++) {
  try {
    return await prisma.user.findUnique({ where: { id } });
  } catch (e) { await sleep(100 * attempt); }
}`,
    },
    {
      name: 'retry loop bounded by a small const',
      code: `const MAX_RETRIES = 5;
let tries = 0;
while (tries < MAX_RETRIES) {
  tries++;
  const res = await fetch(\`/api/health/\${region}\`);
  if (res.ok) break;
}`,
    },
    {
      name: 'cursor pagination driven by the query result',
      code: `let cursor: string | undefined;
do {
  const page = await prisma.event.findMany({ take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
  await exportRows(page);
  cursor = page.length === 500 ? page[page.length - 1].id : undefined;
} while (cursor);`,
    },
    {
      name: 'offset pagination with while (true) and a break on an empty page',
      file: 'scripts/export.js',
      code: `let offset = 0;
while (true) {
  const rows = await knex('orders').orderBy('id').limit(1000).offset(offset);
  if (rows.length === 0) break;
  await write(rows);
  offset += rows.length;
}`,
    },
    {
      name: 'API pagination with a next token',
      code: `let next: string | undefined = undefined;
let hasMore = true;
while (hasMore) {
  const res = await axios.get('/api/events', { params: { next } });
  next = res.data.next;
  hasMore = Boolean(next);
}`,
    },
    {
      name: 'polling loop that sleeps between queries',
      code: `while (!signal.aborted) {
  const jobs = await prisma.job.findMany({ where: { status: 'pending' }, take: 10 });
  await Promise.all(jobs.map(runJob));
  await sleep(1000);
}`,
    },
    {
      name: 'query hoisted out of the loop',
      code: `const users = await prisma.user.findMany({ where: { id: { in: orders.map((o) => o.userId) } } });
const byId = new Map(users.map((u) => [u.id, u]));
for (const o of orders) o.user = byId.get(o.userId);`,
    },
    {
      name: 'batched forms inside loops over chunks',
      code: `for (const batch of chunk(ids, 500)) {
  await prisma.user.findMany({ where: { id: { in: batch } } });
  await User.findAll({ where: { id: batch } });
  await knex('users').whereIn('id', batch);
  await db.select().from(users).where(inArray(users.id, batch));
  await pool.query('SELECT * FROM users WHERE id = ANY($1)', [batch]);
}`,
    },
    {
      name: 'batched IN queries even inside a per-group loop',
      code: `for (const group of groups) {
  await pool.query('SELECT * FROM members WHERE id IN (?)', [group.memberIds]);
  await repo.findBy({ id: In(group.memberIds) });
  await Member.find({ _id: { $in: group.memberIds } });
}`,
    },
    {
      name: 'webhook fan-out to per-element URLs is not N+1',
      code: `for (const hook of hooks) {
  await fetch(hook.url, { method: 'POST', body: JSON.stringify(event) });
}
await Promise.all(subscribers.map((sub) => axios.post(sub.callbackUrl, payload)));
for (const tenant of tenants) await got.post(\`\${tenant.baseUrl}/events\`, { json: event });`,
    },
    {
      name: 'Array find/filter and Map/Set methods are not data access',
      code: `for (const order of orders) {
  const product = products.find((p) => p.id === order.productId);
  const cached = cache.get(order.id);
  seen.delete(order.id);
  lookup.update(order.id, order);
  const matches = items.filter((i) => i.orderId === order.id);
  history.save?.(order);
}`,
    },
    {
      name: 'a function defined in the loop but not called per element',
      code: `for (const route of routes) {
  app.get(route.path, async (req, res) => {
    res.json(await prisma.page.findUnique({ where: { slug: req.params.slug } }));
  });
  emitter.on(route.event, async (e) => { await prisma.log.create({ data: e }); });
}`,
    },
    {
      name: 'loop over a small literal array of tables',
      file: 'scripts/truncate.js',
      code: `for (const table of ['sessions', 'tokens', 'audit_log']) {
  await knex(table).truncate();
}
await Promise.all(['users', 'posts'].map((m) => prisma[m].count()));`,
    },
    {
      name: 'first-success loop: return right after the query',
      code: `for (const host of replicas) {
  try {
    const c = await connect(host);
    return await c.query('SELECT 1');
  } catch {}
}`,
    },
    {
      name: 'createMany with chunked data',
      code: `for (const rows of chunks) {
  await prisma.event.createMany({ data: rows });
}`,
    },
    {
      name: 'query in a loop header is not per element',
      code: `for (const user of await prisma.user.findMany()) {
  console.log(user.name);
}`,
    },
    {
      name: 'worker loop awaiting the next job',
      code: `let job;
while ((job = await queue.next())) {
  await prisma.job.update({ where: { id: job.id }, data: { status: 'done' } });
}`,
    },
    {
      name: 'PascalCase class with generic method names is not a model without evidence',
      code: `for (const cfg of configs) {
  const parser = Parser.create(cfg);
  const d = Duration.find(cfg.unit);
  Logger.update(cfg);
}`,
    },
    {
      name: 'redis-like client.get with a non-URL key and http client with a non-path',
      code: `for (const id of ids) {
  const v = client.get(\`user:\${id}\`);
  const w = map.get(\`\${id}/x\`);
}`,
    },
    {
      name: 'test files are skipped by default',
      file: 'src/orders.test.ts',
      code: `for (const o of orders) await prisma.order.findUnique({ where: { id: o.id } });`,
    },
    {
      name: 'React list rendering with handlers',
      file: 'app/list.tsx',
      code: `export function List({ items }: { items: Item[] }) {
  return <ul>{items.map((it) => <li key={it.id} onClick={() => fetch(\`/api/items/\${it.id}\`, { method: 'DELETE' })}>{it.name}</li>)}</ul>;
}`,
    },
    {
      name: 'single query per request, no loop',
      file: 'pages/api/user.ts',
      code: `export default async function handler(req, res) {
  const user = await prisma.user.findUnique({ where: { id: String(req.query.id) } });
  res.status(200).json(user);
}`,
    },
  ],
});
