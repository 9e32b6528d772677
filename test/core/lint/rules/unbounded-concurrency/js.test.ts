import { runRuleTable } from '../../rule-tester';

runRuleTable('unbounded-concurrency', 'js', {
  invalid: [
    {
      name: 'Promise.all over an async map (NestJS notifications)',
      code: `export class NotifyService {
  async notifyAll(users: User[]) {
    await Promise.all(users.map(async (u) => {
      await this.mailer.send(u.email, 'Hello');
    }));
  }
}`,
      errors: [{ line: 3, column: 11, messageId: 'promiseAllMap', message: 'pLimit' }],
    },
    {
      name: 'Promise.all over a map returning a call (.js)',
      file: 'scripts/resize.js',
      code: `const sharp = require('sharp');
async function main(files) {
  await Promise.all(files.map((f) => sharp(f).resize(200).toFile(out(f))));
}`,
      errors: [{ line: 3, column: 9, message: 'one promise per element of `files`' }],
    },
    {
      name: 'Promise.allSettled over a function reference',
      code: `const results = await Promise.allSettled(urls.map(fetchAndParse));`,
      errors: [{ line: 1, column: 23, message: '`Promise.allSettled`' }],
    },
    {
      name: 'Promise.race and Promise.any over mapped work',
      code: `const fastest = await Promise.race(mirrors.map((m) => fetch(m.url)));
const anyOk = await Promise.any(regions.map((r) => ping(r)));`,
      errors: [{ line: 1, column: 23 }, { line: 2, column: 21 }],
    },
    {
      name: 'array filled by pushing promises in a for…of',
      code: `const promises: Promise<void>[] = [];
for (const order of orders) {
  promises.push(sendReceipt(order));
}
await Promise.all(promises);`,
      errors: [{ line: 5, column: 7, messageId: 'promiseAllPushed', message: 'for…of at line 2' }],
    },
    {
      name: 'array of promises built with map first, awaited later',
      code: `const uploads = files.map(async (file) => s3.send(new PutObjectCommand({ Bucket, Key: file.name, Body: file.body })));
await Promise.all(uploads);`,
      errors: [{ line: 2, column: 7, messageId: 'promiseAllMap' }],
    },
    {
      name: 'xs.forEach(async …) is unbounded and fire-and-forget',
      file: 'src/handlers/import.js',
      code: `router.post('/import', async (req, res) => {
  req.body.rows.forEach(async (row) => {
    await Product.create(row);
  });
  res.sendStatus(202);
});`,
      errors: [{ line: 2, column: 3, messageId: 'forEachAsync', message: 'unbounded AND fire-and-forget' }],
    },
    {
      name: 'discarded xs.map(async …)',
      code: `function warm(keys: string[]) {
  keys.map(async (k) => cache.refresh(k));
}`,
      errors: [{ line: 2, column: 3, messageId: 'forEachAsync' }],
    },
    {
      name: 'spread of a map inside a literal array',
      code: `await Promise.all([loadConfig(), ...tenants.map((t) => migrate(t))]);`,
      errors: [{ line: 1, column: 7 }],
    },
    {
      name: 'Promise.all over .map(...).filter(Boolean)',
      code: `await Promise.all(items.map((i) => (i.dirty ? save(i) : null)).filter(Boolean));`,
      errors: [{ line: 1, column: 7 }],
    },
    {
      name: 'p-map without a concurrency option',
      code: `import pMap from 'p-map';
await pMap(repos, async (r) => clone(r));`,
      errors: [{ line: 2, column: 7, messageId: 'helperNoConcurrency', message: 'Infinity' }],
    },
    {
      name: 'Bluebird.map without concurrency and async.map',
      file: 'legacy/jobs.js',
      code: `const Bluebird = require('bluebird');
const async = require('async');
Bluebird.map(accounts, (a) => sync(a));
async.map(files, readFile, done);`,
      errors: [
        { line: 3, column: 1, message: 'Bluebird' },
        { line: 4, column: 1, message: 'async.mapLimit' },
      ],
    },
    {
      name: 'Promise.all over Array.from(xs, fn)',
      code: `await Promise.all(Array.from(ids, (id) => deleteObject(id)));`,
      errors: [{ line: 1, column: 7 }],
    },
    {
      name: 'Promise.all in an Express handler over request items',
      file: 'src/api/batch.ts',
      code: `app.post('/batch', async (req, res) => {
  const results = await Promise.all(req.body.ids.map((id: string) => stripe.customers.retrieve(id)));
  res.json(results);
});`,
      errors: [{ line: 2, column: 25, message: '`req.body.ids`' }],
    },
    {
      name: 'pushing in a forEach callback, then awaiting',
      code: `const jobs = [];
users.forEach((u) => jobs.push(queue.enqueueEmail(u)));
await Promise.all(jobs);`,
      errors: [{ line: 3, column: 7, messageId: 'promiseAllPushed' }],
    },
    {
      name: 'TSX: loading per row in an effect',
      file: 'app/table.tsx',
      code: `export function Table({ rows }: { rows: Row[] }) {
  useEffect(() => {
    Promise.all(rows.map((r) => fetch(\`/api/rows/\${r.id}\`))).then(setData);
  }, [rows]);
  return <div />;
}`,
      errors: [{ line: 3, column: 5 }],
    },
  ],
  valid: [
    {
      name: 'fixed-size literal array',
      code: `const [user, posts] = await Promise.all([getUser(id), getPosts(id)]);`,
    },
    {
      name: 'p-limit around each task',
      code: `import pLimit from 'p-limit';
const limit = pLimit(5);
await Promise.all(users.map((u) => limit(() => sendEmail(u))));`,
    },
    {
      name: 'p-limit awaited inside an async callback',
      code: `const limiter = pLimit(10);
await Promise.all(files.map(async (f) => {
  const data = await limiter(() => read(f));
  return parse(data);
}));`,
    },
    {
      name: 'p-map with concurrency',
      code: `await pMap(repos, (r) => clone(r), { concurrency: 4 });`,
    },
    {
      name: 'async.mapLimit and async.eachLimit',
      file: 'legacy/a.js',
      code: `async.mapLimit(urls, 5, fetchUrl, done);
async.eachLimit(files, 3, upload, done);`,
    },
    {
      name: 'Bottleneck schedule and wrap',
      code: `const limiter = new Bottleneck({ maxConcurrent: 2 });
await Promise.all(ids.map((id) => limiter.schedule(() => api.get(id))));
const wrapped = limiter.wrap(callApi);
await Promise.all(ids.map(wrapped));`,
    },
    {
      name: 'chunks of a fixed size',
      code: `for (const batch of chunk(recipients, 50)) {
  await Promise.all(batch.map((r) => send(r)));
}`,
    },
    {
      name: 'slice inside a stepping loop',
      code: `for (let i = 0; i < ids.length; i += 25) {
  await Promise.all(ids.slice(i, i + 25).map((id) => remove(id)));
}`,
    },
    {
      name: 'a const batch from slice',
      code: `for (let i = 0; i < rows.length; i += SIZE) {
  const page = rows.slice(i, i + SIZE);
  await Promise.all(page.map(insertRow));
}`,
    },
    {
      name: 'mapping over a small literal array',
      code: `await Promise.all(['en', 'fr', 'de'].map((lang) => loadLocale(lang)));
const LOCALES = ['en', 'fr'];
await Promise.all(LOCALES.map(loadLocale));`,
    },
    {
      name: 'Object.keys of a literal',
      code: `const SERVICES = { db: checkDb, cache: checkCache, queue: checkQueue };
await Promise.all(Object.keys(SERVICES).map((k) => SERVICES[k]()));`,
    },
    {
      name: 'map to already-started promises (no new work)',
      code: `await Promise.all(tasks.map((t) => t.promise));
const values = items.map((i) => i.value);`,
    },
    {
      name: 'sync forEach and awaited for…of',
      code: `users.forEach((u) => console.log(u.name));
for (const u of users) await sendEmail(u);`,
    },
    {
      name: 'pushing inside a retry loop with a small bound',
      code: `const attempts = [];
for (let i = 0; i < 3; i++) attempts.push(tryConnect(i));
await Promise.race(attempts);`,
    },
    {
      name: 'manual batching: the loop flushes the array',
      code: `let pending = [];
for (const row of rows) {
  pending.push(insert(row));
  if (pending.length >= 100) { await Promise.all(pending); pending = []; }
}
await Promise.all(pending);`,
    },
    {
      name: 'pushing values, not promises',
      code: `const names = [];
for (const u of users) names.push(u.name);
await Promise.all(names);`,
    },
    {
      name: 'Array.from with a small length',
      code: `await Promise.all(Array.from({ length: 4 }, (_, i) => startWorker(i)));`,
    },
    {
      name: 'p-queue add',
      code: `const queue = new PQueue({ concurrency: 2 });
await Promise.all(urls.map((u) => queue.add(() => download(u))));`,
    },
    {
      name: 'map(async) whose result is awaited is not fire-and-forget',
      code: `const limit2 = pLimit(3);
const out = await Promise.all(keys.map(async (k) => limit2(() => load(k))));`,
    },
    {
      name: 'forEach(async) over a literal list',
      code: `['a', 'b'].forEach(async (k) => warm(k));`,
    },
  ],
});
