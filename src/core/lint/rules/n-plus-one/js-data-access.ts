// The catalogue of data-access calls (ORMs, query builders, drivers, HTTP clients) that `n-plus-one`
// knows, how to tell them from array/Map/Set methods with the same names, and their batched forms.
import type * as ts from 'typescript';
import { dottedName, lastName, shortText, unwrap } from '../shared/js/nodes';

type T = typeof ts;

export type Library =
  | 'prisma' | 'sequelize' | 'typeorm' | 'mongoose' | 'mongodb' | 'model' | 'knex' | 'drizzle' | 'builder'
  | 'pg' | 'mysql' | 'sql' | 'supabase' | 'firestore' | 'redis' | 'graphql' | 'http' | 'custom';

export interface DataAccess {
  library: Library;
  write: boolean;
  /** The call (or tagged template) that runs the query; for builders the root of the chain, `knex('users')`. */
  call: ts.CallExpression | ts.TaggedTemplateExpression;
  /** The whole expression, chain included (`knex('users').where(...).first()`): checked for batched forms. */
  whole: ts.Expression;
  /** The range to report: the callee, from its start. */
  reportEnd: number;
  display: string;
  batched: boolean;
  /** HTTP: the URL argument, to tell one endpoint from a fan-out to per-element URLs. */
  url?: ts.Expression;
}

// ---------------------------------------------------------------------------------------------------
// What the file imports: decides between libraries that share method names.

export interface FileFacts {
  modules: Set<string>;
  /** local name → module it is imported from */
  importedFrom: Map<string, string>;
  /** `const User = mongoose.model(...)`, `sequelize.define(...)`, `class User extends Model` */
  localModels: Set<string>;
}

/** Computed once per run: the caller keeps the result (n-plus-one's `facts`). */
export function fileFacts(t: T, sf: ts.SourceFile): FileFacts {
  const facts: FileFacts = { modules: new Set(), importedFrom: new Map(), localModels: new Set() };
  const requireOf = (e: ts.Expression | undefined): string | undefined => {
    if (!e) return undefined;
    let u = unwrap(t, e);
    if (t.isAwaitExpression(u)) u = unwrap(t, u.expression);
    if (t.isPropertyAccessExpression(u)) u = unwrap(t, u.expression);
    if (t.isCallExpression(u) && u.arguments.length === 1 && t.isStringLiteralLike(u.arguments[0])) {
      const callee = u.expression;
      if ((t.isIdentifier(callee) && callee.text === 'require') || callee.kind === t.SyntaxKind.ImportKeyword) return u.arguments[0].text;
    }
    return undefined;
  };
  for (const s of sf.statements) {
    if (t.isImportDeclaration(s) && t.isStringLiteral(s.moduleSpecifier)) {
      const mod = s.moduleSpecifier.text;
      facts.modules.add(mod);
      const clause = s.importClause;
      if (clause?.name) facts.importedFrom.set(clause.name.text, mod);
      const nb = clause?.namedBindings;
      if (nb && t.isNamedImports(nb)) for (const el of nb.elements) facts.importedFrom.set(el.name.text, mod);
      else if (nb && t.isNamespaceImport(nb)) facts.importedFrom.set(nb.name.text, mod);
    } else if (t.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const mod = requireOf(d.initializer);
        if (mod) {
          facts.modules.add(mod);
          const names: string[] = [];
          if (t.isIdentifier(d.name)) names.push(d.name.text);
          else if (t.isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (t.isIdentifier(el.name)) names.push(el.name.text);
          for (const n of names) facts.importedFrom.set(n, mod);
        } else if (t.isIdentifier(d.name) && d.initializer) {
          const init = unwrap(t, d.initializer);
          if (t.isCallExpression(init)) {
            const callee = lastName(t, init.expression);
            if (callee === 'model' || callee === 'define') facts.localModels.add(d.name.text);
          }
        }
      }
    } else if (t.isClassDeclaration(s) && s.name && s.heritageClauses) {
      for (const h of s.heritageClauses) {
        for (const ty of h.types) {
          const base = lastName(t, ty.expression);
          if (base === 'Model' || base === 'BaseEntity') facts.localModels.add(s.name.text);
        }
      }
    } else if (t.isImportEqualsDeclaration(s) && t.isExternalModuleReference(s.moduleReference) && t.isStringLiteral(s.moduleReference.expression)) {
      facts.modules.add(s.moduleReference.expression.text);
      facts.importedFrom.set(s.name.text, s.moduleReference.expression.text);
    }
  }
  return facts;
}

function imports(f: FileFacts, ...prefixes: string[]): boolean {
  for (const m of f.modules) for (const p of prefixes) if (m === p || m.startsWith(p + '/')) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Method tables.

const PRISMA_OPS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy',
  'create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany',
]);
/** Prisma method names no array, Map or Set has: any receiver chain of length 3 will do. */
const PRISMA_DISTINCT = new Set(['findUnique', 'findUniqueOrThrow', 'findFirstOrThrow']);
const PRISMA_ROOT = /prisma|^(db|tx|database)$/i;

const TYPEORM_REPO_OPS = new Set([
  'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'find', 'findBy', 'findAndCount', 'findAndCountBy',
  'findByIds', 'save', 'update', 'delete', 'insert', 'count', 'countBy', 'exist', 'exists', 'existsBy', 'remove',
  'softDelete', 'softRemove', 'restore', 'upsert', 'increment', 'decrement', 'preload', 'query', 'sum', 'average',
  'minimum', 'maximum', 'merge', 'findOneById',
]);
const MANAGER_NAME = /^(manager|entityManager|em|transactionalEntityManager|transactionManager)$/;
const REPO_NAME = /(repo|repository)$/i;

const MONGOOSE_ONLY = new Set([
  'findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate', 'findOneAndDelete',
  'findOneAndReplace', 'countDocuments', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne',
  'insertMany', 'bulkWrite', 'exists', 'distinct', 'populate',
]);
const SEQUELIZE_ONLY = new Set(['findByPk', 'findAll', 'findAndCountAll', 'findOrCreate', 'bulkCreate', 'destroy', 'increment', 'decrement']);
const TYPEORM_ACTIVE_RECORD = new Set(['findOneBy', 'findOneByOrFail', 'findBy', 'findOneOrFail', 'findAndCount', 'countBy']);
const MODEL_SHARED = new Set(['findOne', 'find', 'create', 'count', 'update', 'upsert', 'aggregate', 'save', 'remove', 'max', 'min', 'sum']);
/** On a PascalCase receiver, these names are specific enough without further evidence. */
const MODEL_STRONG = new Set([...MONGOOSE_ONLY, ...SEQUELIZE_ONLY, ...TYPEORM_ACTIVE_RECORD, 'findOne']);
MODEL_STRONG.delete('exists');
MODEL_STRONG.delete('distinct');
MODEL_STRONG.delete('populate');
MODEL_STRONG.delete('destroy');
MODEL_STRONG.delete('increment');
MODEL_STRONG.delete('decrement');

const BUILTIN_CLASSES = new Set([
  'Promise', 'Object', 'Array', 'Math', 'JSON', 'Reflect', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Number',
  'String', 'Boolean', 'Symbol', 'BigInt', 'Error', 'Intl', 'Buffer', 'URL', 'Atomics', 'Proxy', 'React', 'Vue',
  'RegExp', 'Function', 'Element', 'Document', 'Window', 'Node', 'Event',
]);

const BUILDER_ROOT_METHODS = new Set(['select', 'insert', 'update', 'delete', 'del', 'from', 'table', 'into', 'selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'selectDistinct']);
const BUILDER_RECEIVER = /^(knex|db|trx|tx|database|kysely|qb|queryBuilder)$/i;
const KNEX_FUNCTION = /^(knex|db|trx|tx|database|k)$/;

const SQL_METHODS = new Set(['query', 'execute', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'none', 'result', 'raw', 'maybeOne', 'maybeOneFirst', 'oneFirst', 'manyFirst']);
const PG_PROMISE_METHODS = new Set(['one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'none', 'result']);
const SQL_RECEIVER = /^(db|database|pool|client|conn|connection|pg|pgClient|pgPool|mysql|tx|trx|t|task|sequelize|knex|readPool|writePool|dbClient|dbPool|dbConn)$/i;
const SQL_RECEIVER_SUFFIX = /(Pool|Client|Connection|Conn|Db|DB|Database)$/;

const MONGO_OPS = new Set([
  'findOne', 'find', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'insertOne', 'countDocuments', 'aggregate',
  'findOneAndUpdate', 'findOneAndDelete', 'replaceOne', 'distinct',
]);

const REDIS_OPS = new Set(['get', 'set', 'hget', 'hgetall', 'hset', 'hmget', 'del', 'exists', 'incr', 'incrby', 'expire', 'sadd', 'smembers', 'sismember', 'zadd', 'zscore', 'lpush', 'rpush', 'lrange', 'ttl', 'getex', 'setex']);

const HTTP_FUNCTIONS = new Set(['fetch', '$fetch', 'ofetch', 'axios', 'got', 'ky', 'request', 'superagent', 'needle', 'undiciRequest']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request', 'fetch']);
const HTTP_LIBRARY_RECEIVER = /^(axios|got|ky|superagent|needle|undici|request|\$fetch|ofetch|wretch)$/;
const HTTP_CLIENT_RECEIVER = /^(api|http|https|httpClient|apiClient|client|\$http|\$axios|httpService|restClient|axiosInstance|instance|service)$|(Api|ApiClient|HttpClient|Http|HttpService|Axios)$/;

const STORAGE_RECEIVER = /^(storage|dao|db)$|Dao$|DAO$|Storage$/;
const STORAGE_METHOD = /^(get|find|fetch|load|read|list|count|create|insert|add|save|update|upsert|delete|remove)[A-Z]/;

const WRITE_NAME = /^(create|insert|update|upsert|save|delete|del|destroy|remove|increment|decrement|set|add|replace|bulk|softDelete|softRemove|restore|hset|sadd|zadd|lpush|rpush|incr|expire|none)/i;

// ---------------------------------------------------------------------------------------------------

export interface ClassifyOptions {
  facts: () => FileFacts;
  /** Parsed `extraDataAccess` patterns: segments, `*` matches one. */
  extra: string[][];
}

export function parseExtraPatterns(patterns: readonly string[]): string[][] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.split('.').map((s) => s.trim()));
}

function matchesExtra(segs: string[], extra: string[][]): boolean {
  for (const pat of extra) {
    if (pat.length > segs.length) continue;
    const off = segs.length - pat.length;
    let ok = true;
    for (let i = 0; i < pat.length && ok; i++) ok = pat[i] === '*' || pat[i] === segs[off + i];
    if (ok) return true;
  }
  return false;
}

/** Climbs a builder chain: `knex('t')` → `knex('t').where(...).first()`; returns the outermost call and the method names. */
function chainOf(t: T, root: ts.CallExpression): { outer: ts.CallExpression; methods: string[] } {
  let outer = root;
  const methods: string[] = [];
  for (;;) {
    const pa = outer.parent;
    if (!pa || !t.isPropertyAccessExpression(pa) || pa.expression !== outer) break;
    const call = pa.parent;
    if (!call || !t.isCallExpression(call) || call.expression !== pa) break;
    methods.push(pa.name.text);
    outer = call;
  }
  return { outer, methods };
}

function isPascal(name: string): boolean {
  const c = name.charCodeAt(0);
  return c >= 65 && c <= 90 && name.length > 1 && name !== name.toUpperCase();
}

function modelEvidence(name: string, f: FileFacts): boolean {
  if (f.localModels.has(name)) return true;
  const mod = f.importedFrom.get(name);
  if (mod && /model|entit|schema|db|database|orm/i.test(mod)) return true;
  return !!mod && imports(f, 'mongoose', 'sequelize', 'sequelize-typescript', 'typeorm', '@nestjs/mongoose', '@nestjs/sequelize', '@nestjs/typeorm', 'objection');
}

function modelLibrary(method: string, f: FileFacts): Library {
  if (MONGOOSE_ONLY.has(method)) return 'mongoose';
  if (SEQUELIZE_ONLY.has(method)) return 'sequelize';
  if (TYPEORM_ACTIVE_RECORD.has(method)) return 'typeorm';
  if (imports(f, 'mongoose', '@nestjs/mongoose')) return 'mongoose';
  if (imports(f, 'sequelize', 'sequelize-typescript', '@nestjs/sequelize')) return 'sequelize';
  if (imports(f, 'typeorm', '@nestjs/typeorm')) return 'typeorm';
  return 'model';
}

function sqlLibrary(call: ts.CallExpression, method: string, t: T, f: FileFacts): Library {
  if (PG_PROMISE_METHODS.has(method) || imports(f, 'pg', 'pg-promise', 'postgres', '@vercel/postgres', 'slonik', '@neondatabase/serverless')) return 'pg';
  if (imports(f, 'mysql', 'mysql2')) return 'mysql';
  const a = call.arguments[0];
  const text = a && (t.isStringLiteralLike(a) ? a.text : t.isTemplateExpression(a) ? a.head.text : '');
  if (text && text.includes('$1')) return 'pg';
  if (text && text.includes('?')) return 'mysql';
  return 'sql';
}

function isStringLike(t: T, e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const u = unwrap(t, e);
  return t.isStringLiteralLike(u) || t.isTemplateExpression(u) || (t.isIdentifier(u) && /table/i.test(u.text));
}

/** Classifies a call as data access, or undefined. Cheap for the common case: one name lookup. */
export function classifyCall(t: T, sf: ts.SourceFile, call: ts.CallExpression, opts: ClassifyOptions): DataAccess | undefined {
  const callee = unwrap(t, call.expression);
  const make = (library: Library, write: boolean, extra?: Partial<DataAccess>): DataAccess => {
    const whole = extra?.whole ?? call;
    return {
      library,
      write,
      call,
      whole,
      reportEnd: call.expression.end,
      display: extra?.display ?? shortText(sf, call.expression, 60),
      batched: isBatched(t, whole),
      url: extra?.url,
    };
  };

  if (opts.extra.length > 0) {
    const segs = dottedName(t, callee);
    if (segs && matchesExtra(segs, opts.extra)) return make('custom', false);
  }

  if (t.isIdentifier(callee)) {
    const name = callee.text;
    if (HTTP_FUNCTIONS.has(name)) return httpCall(t, sf, call, name, make);
    if (KNEX_FUNCTION.test(name) && isStringLike(t, call.arguments[0])) return builder(t, sf, call, 'knex', make);
    if (name === 'getDoc' || name === 'getDocs' || name === 'getCountFromServer') return make('firestore', false);
    if (name === 'setDoc' || name === 'updateDoc' || name === 'deleteDoc' || name === 'addDoc') return make('firestore', true);
    return undefined;
  }
  if (!t.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const recv = unwrap(t, callee.expression);
  const recvName = lastName(t, recv);

  // `this.knex('users')`, `this.db('orders')`
  if (KNEX_FUNCTION.test(method) && method !== 'k' && isStringLike(t, call.arguments[0]) && recv.kind === t.SyntaxKind.ThisKeyword) {
    return builder(t, sf, call, 'knex', make);
  }

  // Drizzle relational queries: db.query.users.findFirst(...)
  if ((method === 'findFirst' || method === 'findMany') && t.isPropertyAccessExpression(recv) && lastName(t, recv.expression) === 'query') {
    return make('drizzle', false);
  }

  // Prisma: <client>.<model>.<op>(...)
  if (PRISMA_OPS.has(method) && t.isPropertyAccessExpression(recv)) {
    const root = lastName(t, recv.expression);
    if (PRISMA_DISTINCT.has(method) || (root && PRISMA_ROOT.test(root))) return make('prisma', WRITE_NAME.test(method));
  }
  if ((method === '$queryRawUnsafe' || method === '$executeRawUnsafe' || method === '$queryRaw' || method === '$executeRaw')) {
    return make('prisma', method.startsWith('$execute'));
  }

  // TypeORM repositories and managers
  if (TYPEORM_REPO_OPS.has(method)) {
    if (recvName && REPO_NAME.test(recvName) && !/^(git|npm)/i.test(recvName)) return make('typeorm', WRITE_NAME.test(method));
    if (t.isCallExpression(recv)) {
      const factory = lastName(t, recv.expression);
      if (factory === 'getRepository' || factory === 'getCustomRepository' || factory === 'getMongoRepository' || factory === 'withRepository' || factory === 'getTreeRepository') {
        return make('typeorm', WRITE_NAME.test(method));
      }
    }
    if (recvName && MANAGER_NAME.test(recvName) && call.arguments.length > 0) return make('typeorm', WRITE_NAME.test(method));
  }
  if (method === 'createQueryBuilder') {
    const { outer, methods } = chainOf(t, call);
    const last = methods[methods.length - 1];
    if (last && /^(getOne|getOneOrFail|getMany|getRawOne|getRawMany|getCount|getManyAndCount|getExists|execute|stream)$/.test(last)) {
      return make('typeorm', methods.some((m) => m === 'insert' || m === 'update' || m === 'delete'), { whole: outer, display: chainDisplay(t, sf, call, methods) });
    }
    return undefined;
  }

  // Mongoose / Sequelize / TypeORM active-record models
  if (MODEL_STRONG.has(method) || MODEL_SHARED.has(method) || MONGOOSE_ONLY.has(method) || SEQUELIZE_ONLY.has(method)) {
    const model = modelReceiver(t, recv);
    if (model) {
      const f = opts.facts();
      const strong = MODEL_STRONG.has(method) || /Model$/.test(model);
      if (strong || modelEvidence(model, f)) return make(modelLibrary(method, f), WRITE_NAME.test(method));
    }
  }

  // MongoDB driver: db.collection('users').findOne(...), usersCollection.find(...)
  if (MONGO_OPS.has(method)) {
    if ((t.isCallExpression(recv) && lastName(t, recv.expression) === 'collection') || (recvName && /Collection$|^collection$/.test(recvName))) {
      return make('mongodb', WRITE_NAME.test(method));
    }
  }
  // Firestore: db.collection('x').doc(id).get()
  if ((method === 'get' || method === 'set' || method === 'update' || method === 'delete') && t.isCallExpression(recv) && lastName(t, recv.expression) === 'doc') {
    return make('firestore', method !== 'get');
  }

  // Supabase: supabase.from('users').select('*').eq('id', id)
  if (method === 'from' && recvName && /supabase/i.test(recvName) && isStringLike(t, call.arguments[0])) {
    return builder(t, sf, call, 'supabase', make);
  }

  // Query builders: knex.select(...).from(...), db.select().from(users), db.insert(users).values(...)
  if (BUILDER_ROOT_METHODS.has(method) && recvName && BUILDER_RECEIVER.test(recvName)) {
    const f = opts.facts();
    const arg = call.arguments[0];
    let lib: Library = 'builder';
    if (imports(f, 'drizzle-orm')) lib = 'drizzle';
    else if (imports(f, 'knex') || /^(knex|trx)$/.test(recvName)) lib = 'knex';
    if ((method === 'delete' || method === 'update' || method === 'del') && !arg && lib !== 'knex') return undefined;
    if ((method === 'delete' || method === 'update') && arg && !t.isIdentifier(unwrap(t, arg)) && !isStringLike(t, arg) && !t.isPropertyAccessExpression(unwrap(t, arg))) return undefined;
    return builder(t, sf, call, lib, make);
  }

  // SQL drivers: pool.query(...), connection.execute(...), db.one(...), sequelize.query(...), knex.raw(...)
  if (SQL_METHODS.has(method) && recvName && (SQL_RECEIVER.test(recvName) || SQL_RECEIVER_SUFFIX.test(recvName))) {
    if (method === 'raw' && !/^(knex|db|trx)$/.test(recvName)) return undefined;
    if (PG_PROMISE_METHODS.has(method) && !/^(db|t|tx|task|database)$/i.test(recvName)) return undefined;
    const a0 = call.arguments[0] && unwrap(t, call.arguments[0]);
    if (a0 && t.isObjectLiteralExpression(a0) && a0.properties.some((p) => p.name && t.isIdentifier(p.name) && (p.name.text === 'query' || p.name.text === 'mutation'))) {
      return make('graphql', a0.properties.some((p) => p.name && t.isIdentifier(p.name) && p.name.text === 'mutation'));
    }
    if (!a0) return undefined;
    const f = opts.facts();
    const lib = recvName === 'sequelize' ? 'sequelize' : recvName === 'knex' ? 'knex' : sqlLibrary(call, method, t, f);
    return make(lib, sqlIsWrite(t, a0));
  }

  // Redis: redis.get(key)
  if (REDIS_OPS.has(method) && recvName && /redis/i.test(recvName)) return make('redis', WRITE_NAME.test(method));

  // A storage/DAO layer awaited per element: `await storage.getMeal(id)`, `await this.userDao.findById(id)`.
  if (recvName && STORAGE_RECEIVER.test(recvName) && !/^(local|session)Storage$/.test(recvName) && STORAGE_METHOD.test(method) && call.parent && t.isAwaitExpression(call.parent)) {
    return make('custom', WRITE_NAME.test(method) || /^add/.test(method));
  }

  // HTTP: axios.get(url), got.post(url), this.http.get(url), api.get(`/items/${id}`)
  if (HTTP_METHODS.has(method) && recvName) {
    if (HTTP_LIBRARY_RECEIVER.test(recvName)) return httpCall(t, sf, call, method, make);
    if (HTTP_CLIENT_RECEIVER.test(recvName) && looksLikeUrl(t, call.arguments[0])) return httpCall(t, sf, call, method, make);
  }
  return undefined;
}

/** A PascalCase model (`User`, `db.User`, `models.Order`) or a `*Model` property (`this.userModel`). */
function modelReceiver(t: T, recv: ts.Expression): string | undefined {
  if (t.isIdentifier(recv)) {
    if (BUILTIN_CLASSES.has(recv.text)) return undefined;
    if (isPascal(recv.text) || /.Model$/.test(recv.text)) return recv.text;
    return undefined;
  }
  if (t.isPropertyAccessExpression(recv)) {
    const name = recv.name.text;
    if (/.Model$/.test(name)) return name;
    const owner = lastName(t, recv.expression);
    if (isPascal(name) && owner && /^(db|models|model|sequelize|orm)$/i.test(owner)) return name;
  }
  return undefined;
}

function sqlIsWrite(t: T, a0: ts.Expression): boolean {
  const text = t.isStringLiteralLike(a0) ? a0.text : t.isTemplateExpression(a0) ? a0.head.text : '';
  return /^\s*(insert|update|delete|upsert|merge|replace)\b/i.test(text);
}

function builder(
  t: T,
  sf: ts.SourceFile,
  root: ts.CallExpression,
  lib: Library,
  make: (l: Library, w: boolean, x?: Partial<DataAccess>) => DataAccess,
): DataAccess | undefined {
  const { outer, methods } = chainOf(t, root);
  const rootMethod = lastName(t, root.expression) ?? '';
  const all = [rootMethod, ...methods];
  // A builder that is only composed here (passed on, returned unexecuted as a subquery) is not a query.
  if (methods.length === 0 && lib !== 'knex' && !(outer.parent && t.isAwaitExpression(outer.parent))) return undefined;
  const write = all.some((m) => /^(insert|update|delete|del|upsert|insertInto|updateTable|deleteFrom|increment|decrement|merge)$/.test(m));
  return make(lib, write, { whole: outer, display: chainDisplay(t, sf, root, methods) });
}

function chainDisplay(t: T, sf: ts.SourceFile, root: ts.CallExpression, methods: string[]): string {
  const a0 = root.arguments[0];
  const rootArgs = a0 && t.isStringLiteralLike(a0) && root.arguments.length === 1 ? `(${shortText(sf, a0, 24)})` : root.arguments.length ? '(…)' : '()';
  let s = shortText(sf, root.expression, 40) + rootArgs;
  methods.forEach((m, i) => {
    s += i === methods.length - 1 ? `.${m}` : `.${m}(…)`;
  });
  return s;
}

function looksLikeUrl(t: T, e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const u = unwrap(t, e);
  const lit = (s: string): boolean => s.startsWith('/') || /^https?:/.test(s) || s.includes('/');
  if (t.isStringLiteralLike(u)) return lit(u.text);
  if (t.isTemplateExpression(u)) return lit(u.head.text) || u.templateSpans.some((s) => lit(s.literal.text));
  if (t.isBinaryExpression(u) && u.operatorToken.kind === t.SyntaxKind.PlusToken) return looksLikeUrl(t, u.left) || looksLikeUrl(t, u.right);
  return false;
}

function httpCall(
  t: T,
  sf: ts.SourceFile,
  call: ts.CallExpression,
  method: string,
  make: (l: Library, w: boolean, x?: Partial<DataAccess>) => DataAccess,
): DataAccess | undefined {
  let url = call.arguments[0] && unwrap(t, call.arguments[0]);
  if (!url) return undefined;
  let write = /^(post|put|patch|delete)$/.test(method);
  if (t.isObjectLiteralExpression(url)) {
    // axios({ url, method }) / axios.request({ url })
    let found: ts.Expression | undefined;
    for (const p of url.properties) {
      if (t.isPropertyAssignment(p) && t.isIdentifier(p.name)) {
        if (p.name.text === 'url') found = p.initializer;
        if (p.name.text === 'method' && t.isStringLiteralLike(p.initializer)) write = !/^get$/i.test(p.initializer.text);
      } else if (t.isShorthandPropertyAssignment(p) && p.name.text === 'url') found = p.name;
    }
    if (!found) return undefined;
    url = unwrap(t, found);
  } else if (t.isNewExpression(url) && lastName(t, url.expression) === 'URL' && url.arguments?.length) {
    url = unwrap(t, url.arguments[0]);
  }
  const opts = call.arguments[1] && unwrap(t, call.arguments[1]);
  if (opts && t.isObjectLiteralExpression(opts)) {
    for (const p of opts.properties) {
      if (t.isPropertyAssignment(p) && t.isIdentifier(p.name) && p.name.text === 'method' && t.isStringLiteralLike(p.initializer)) {
        write = !/^get$/i.test(p.initializer.text);
      }
    }
  }
  return make('http', write, { url, display: shortText(sf, call.expression, 40) });
}

/** `prisma.$queryRaw\`...\``, and an awaited `sql\`...\`` (postgres.js, @vercel/postgres) which runs the query. */
export function classifyTaggedTemplate(t: T, sf: ts.SourceFile, node: ts.TaggedTemplateExpression): DataAccess | undefined {
  const name = lastName(t, node.tag);
  let library: Library | undefined;
  let write = false;
  if (name === '$queryRaw' || name === '$executeRaw') {
    library = 'prisma';
    write = name === '$executeRaw';
  } else if (name === 'sql' && t.isIdentifier(unwrap(t, node.tag)) && node.parent && t.isAwaitExpression(node.parent)) {
    library = 'pg';
    const tpl = node.template;
    write = /^\s*(insert|update|delete)\b/i.test(t.isNoSubstitutionTemplateLiteral(tpl) ? tpl.text : tpl.head.text);
  }
  if (!library) return undefined;
  return { library, write, call: node, whole: node, reportEnd: node.tag.end, display: shortText(sf, node.tag, 40) + '`…`', batched: isBatched(t, node.template) };
}

// ---------------------------------------------------------------------------------------------------
// Batched forms: one query for many keys.

const BATCH_CALLS = new Set(['In', 'inArray', 'whereIn', 'orWhereIn', 'andWhereIn', 'whereInIds', 'andWhereInIds', 'orWhereInIds', 'findByIds', 'getAll', 'mget', 'mGet', 'hmget', 'loadMany', 'in', 'unnest']);
const BATCH_KEYS = new Set(['in', '$in', '_in', 'IN', 'hasSome', 'hasEvery']);
const ID_LIST_NAME = /(ids|Ids|IDs|keys|Keys|list|List)$/;
const SQL_BATCH = [' IN (', ' IN(', 'ANY(', 'ANY (', ' IN ?', 'UNNEST(', ' IN $'];

export function isBatched(t: T, whole: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    switch (n.kind) {
      case t.SyntaxKind.CallExpression: {
        const name = lastName(t, (n as ts.CallExpression).expression);
        if (name && BATCH_CALLS.has(name)) hit = true;
        break;
      }
      case t.SyntaxKind.PropertyAssignment: {
        const p = n as ts.PropertyAssignment;
        const key = t.isIdentifier(p.name) || t.isStringLiteral(p.name) ? p.name.text : t.isComputedPropertyName(p.name) ? lastName(t, p.name.expression) : undefined;
        if (key && BATCH_KEYS.has(key)) hit = true;
        // Sequelize / Mongoose take an array for IN: where: { id: ids }, { _id: userIds }
        else if (key && /^(_?id|.+Id|.+_id)$/.test(key)) {
          const v = unwrap(t, p.initializer);
          if (t.isArrayLiteralExpression(v) || (t.isIdentifier(v) && ID_LIST_NAME.test(v.text)) || (t.isCallExpression(v) && lastName(t, v.expression) === 'map')) hit = true;
        }
        break;
      }
      case t.SyntaxKind.StringLiteral:
      case t.SyntaxKind.NoSubstitutionTemplateLiteral:
      case t.SyntaxKind.TemplateHead:
      case t.SyntaxKind.TemplateMiddle:
      case t.SyntaxKind.TemplateTail: {
        const s = (n as ts.LiteralLikeNode).text.toUpperCase().replace(/\s+/g, ' ');
        if (SQL_BATCH.some((k) => s.includes(k))) hit = true;
        break;
      }
    }
    if (!hit) t.forEachChild(n, visit);
  };
  visit(whole);
  return hit;
}

// ---------------------------------------------------------------------------------------------------
// Advice per library.

const COUNTING = /^(count|countDocuments|aggregate|_count|sum|avg|min|max)$/;

/**
 * The batched alternative for `lib`. `method` refines it for counts and aggregates, whose batched form is
 * a grouped query, not a fetch by ids.
 */
export function batchedAdvice(lib: Library, write: boolean, method?: string): string {
  if (!write && method && COUNTING.test(method)) {
    switch (lib) {
      case 'prisma': return 'Compute them in one grouped query: `groupBy({ by: [\'userId\'], where: { userId: { in: ids } }, _count: true })` (or `_sum`, `_avg`…), then look each key up in the result.';
      case 'sequelize': return 'Compute them in one grouped query: `count({ where: { userId: ids }, group: [\'userId\'] })`, then look each key up in the result.';
      case 'mongoose':
      case 'mongodb': return 'Compute them in one round trip: `aggregate([{ $match: { userId: { $in: ids } } }, { $group: { _id: \'$userId\', n: { $sum: 1 } } }])`.';
      case 'knex': return 'Compute them in one query: `whereIn(\'user_id\', ids).groupBy(\'user_id\').select(\'user_id\').count()`.';
      case 'typeorm': return 'Compute them in one grouped query (a query builder with `WHERE x IN (:...ids)` and `GROUP BY x`).';
      default: break;
    }
  }
  if (write) {
    switch (lib) {
      case 'prisma': return 'Write them in one statement: `createMany({ data })` / `updateMany({ where: { id: { in: ids } }, data })`, or one `$transaction([...])`.';
      case 'sequelize': return 'Write them in one statement: `bulkCreate(rows)` / `update(values, { where: { id: ids } })`.';
      case 'typeorm': return 'Write them in one statement: `save(entities)` / `insert(rows)` take arrays; `update({ id: In(ids) }, values)`.';
      case 'mongoose': return 'Write them in one round trip: `insertMany(docs)`, `updateMany({ _id: { $in: ids } }, ...)` or `bulkWrite([...])`.';
      case 'mongodb': return 'Write them in one round trip: `insertMany(docs)` or `bulkWrite([...])`.';
      case 'knex': return 'Write them in one statement: `insert(rows)` takes an array; `whereIn(\'id\', ids).update(...)`.';
      case 'drizzle': return 'Write them in one statement: `db.insert(table).values(rows)`; `update(...).where(inArray(table.id, ids))`.';
      case 'pg': return 'Write them in one statement: a multi-row `INSERT ... VALUES`, or `UPDATE ... WHERE id = ANY($1)` / `FROM unnest($1::int[], $2::text[])`.';
      case 'mysql': return 'Write them in one statement: `INSERT ... VALUES ?` with an array of rows, or `UPDATE ... WHERE id IN (?)`.';
      case 'redis': return 'Send them in one round trip: `MSET` or a pipeline / `multi()`.';
      case 'firestore': return 'Commit them together: a `writeBatch` / `BulkWriter`.';
      case 'http': return 'Send one request to a batch endpoint, or queue the changes and flush them together.';
      case 'supabase': return 'Write them in one call: `insert(rows)` / `upsert(rows)` take arrays.';
      default: return 'Write them in one batched statement (multi-row insert, or an update with an IN filter).';
    }
  }
  switch (lib) {
    case 'prisma': return 'Fetch them in one query: `findMany({ where: { id: { in: ids } } })`, or `include` the relation.';
    case 'sequelize': return 'Fetch them in one query: `findAll({ where: { id: ids } })`, or `include` the association.';
    case 'typeorm': return 'Fetch them in one query: `findBy({ id: In(ids) })`, or load the relation with a join.';
    case 'mongoose': return 'Fetch them in one query: `find({ _id: { $in: ids } })`, or `populate` the reference.';
    case 'mongodb': return 'Fetch them in one query: `find({ _id: { $in: ids } })`.';
    case 'model': return 'Fetch them in one query for all ids (Sequelize `findAll({ where: { id: ids } })`, Mongoose `find({ _id: { $in: ids } })`).';
    case 'knex': return 'Fetch them in one query: `whereIn(\'id\', ids)`.';
    case 'drizzle': return 'Fetch them in one query: `where(inArray(table.id, ids))`, or a relational query `with` the relation.';
    case 'builder': return 'Fetch them in one query with an IN filter (Knex `whereIn`, Drizzle `inArray`).';
    case 'pg': return 'Fetch them in one query: `WHERE id = ANY($1)` with the array of ids.';
    case 'mysql': return 'Fetch them in one query: `WHERE id IN (?)` with the array of ids.';
    case 'sql': return 'Fetch them in one query with `WHERE id IN (...)` (pg: `= ANY($1)`, mysql2: `IN (?)`).';
    case 'supabase': return 'Fetch them in one query: `.in(\'id\', ids)`.';
    case 'firestore': return 'Fetch them together: `getAll(...refs)` or `where(documentId(), \'in\', ids)` (up to 30 per query).';
    case 'redis': return 'Fetch them in one round trip: `MGET` / `HMGET`, or a pipeline.';
    case 'graphql': return 'Query them in one request (a field that takes a list of ids), or batch with DataLoader.';
    case 'http': return 'Call a batch endpoint once (e.g. `?ids=1,2,3`), or coalesce the calls with DataLoader.';
    default: return 'Fetch them in one batched call (an IN filter, a batch endpoint, or DataLoader).';
  }
}
