import { runRuleTable } from '../../rule-tester';

runRuleTable('quadratic-building', 'js', {
  invalid: [
    {
      name: 'array spread in a reduce callback',
      code: `const ids = orders.reduce((acc, o) => [...acc, o.id], [] as string[]);`,
      errors: [{ line: 1, column: 39, messageId: 'spreadArray', message: 'O(n²)' }],
    },
    {
      name: 'object spread with a computed key (index by id)',
      file: 'src/index-by.js',
      code: `const byId = users.reduce((acc, user) => ({
  ...acc,
  [user.id]: user,
}), {});`,
      errors: [{ line: 1, column: 43, messageId: 'spreadObject', message: 'Object.fromEntries' }],
    },
    {
      name: 'acc.concat in reduce',
      code: `const all = pages.reduce((acc, page) => acc.concat(page.items), []);`,
      errors: [{ line: 1, column: 41, messageId: 'concat' }],
    },
    {
      name: 'Object.assign({}, acc, …) in reduce',
      code: `const merged = configs.reduce((acc, c) => Object.assign({}, acc, c.overrides), {});`,
      errors: [{ line: 1, column: 43, messageId: 'objectAssign' }],
    },
    {
      name: 'block-bodied reduce callback returning a spread',
      code: `const grouped = rows.reduce(function (acc, row) {
  const key = row.category;
  return { ...acc, [key]: (acc[key] ?? 0) + row.amount };
}, {});`,
      errors: [{ line: 3, column: 10, messageId: 'spreadObject' }],
    },
    {
      name: 'reduceRight with spread',
      code: `const reversed = xs.reduceRight((acc, x) => [...acc, x], []);`,
      errors: [{ line: 1, column: 45, message: '`.reduceRight` callback' }],
    },
    {
      name: 'spread reassignment in a for…of loop',
      code: `let result: Row[] = [];
for (const row of rows) {
  if (row.visible) result = [...result, normalize(row)];
}`,
      errors: [{ line: 3, column: 29, messageId: 'spreadArrayLoop', message: 'result.push(x)' }],
    },
    {
      name: 'object spread reassignment in a forEach callback',
      file: 'src/features.js',
      code: `let flags = {};
features.forEach((f) => {
  flags = { ...flags, [f.name]: f.enabled };
});`,
      errors: [{ line: 3, column: 11, messageId: 'spreadObjectLoop' }],
    },
    {
      name: 'concat reassignment in a while loop',
      code: `let out = [];
while (cursor) {
  out = out.concat(cursor.items);
  cursor = cursor.next;
}`,
      errors: [{ line: 3, column: 9, messageId: 'concat' }],
    },
    {
      name: 'this.items spread in a loop (class field)',
      code: `class Store {
  items: Item[] = [];
  load(batch: Item[]) {
    for (const it of batch) this.items = [...this.items, it];
  }
}`,
      errors: [{ line: 4, column: 42 }],
    },
    {
      name: 'string append that is searched with includes in the same loop',
      code: `let seen = '';
for (const tag of tags) {
  if (!seen.includes(tag)) seen += tag + ',';
}`,
      errors: [{ line: 3, column: 28, messageId: 'stringFlatten', message: 'rope' }],
    },
    {
      name: 'string append read with a regex test',
      file: 'src/log.js',
      code: `let buffer = '';
for (const chunk of chunks) {
  buffer = buffer + chunk;
  if (/\\n$/.test(buffer)) flush();
}`,
      errors: [{ line: 3, column: 3, message: 'regex .test()' }],
    },
    {
      name: 'string append read with indexing and charAt',
      code: `let s = '';
for (let i = 0; i < parts.length; i++) {
  s += parts[i];
  if (s[s.length - 1] === '\\\\') s += ' ';
}`,
      errors: [
        { line: 3, column: 3, message: 's[…]' },
        { line: 4, column: 33, message: 's[…]' },
      ],
    },
    {
      name: 'string append read with indexOf in a do…while',
      code: `let text = '';
do {
  text += await readLine();
} while (text.indexOf('END') === -1);`,
      errors: [{ line: 3, column: 3, message: '.indexOf()' }],
    },
    {
      name: 'string reduce that searches the accumulator',
      code: `const unique = words.reduce((acc, w) => (acc.includes(w) ? acc : acc + w + ' '), '');`,
      errors: [{ line: 1, column: 66, messageId: 'stringFlatten' }],
    },
    {
      name: 'TSX: props merged in a map with reassignment',
      file: 'app/theme.tsx',
      code: `export function useTheme(layers: Partial<Theme>[]) {
  let theme: Theme = base;
  layers.map((l) => { theme = { ...theme, ...l }; });
  return theme;
}`,
      errors: [{ line: 3, column: 31 }],
    },
    {
      name: 'lodash reduce with spread',
      code: `const flat = _.reduce(groups, (acc, g) => [...acc, ...g.members], []);`,
      errors: [{ line: 1, column: 43 }],
    },
  ],
  valid: [
    {
      name: 'push into the accumulator and return it',
      code: `const ids = orders.reduce((acc, o) => { acc.push(o.id); return acc; }, [] as string[]);`,
    },
    {
      name: 'assign into the accumulator',
      code: `const byId = users.reduce((acc, u) => { acc[u.id] = u; return acc; }, {} as Record<string, User>);`,
    },
    {
      name: 'Object.fromEntries and Map',
      code: `const byId = Object.fromEntries(users.map((u) => [u.id, u]));
const m = new Map(users.map((u) => [u.id, u]));`,
    },
    {
      name: 'Redux reducer spreading state (not a reduce callback, not a loop)',
      code: `function todos(state = initial, action) {
  switch (action.type) {
    case 'add': return { ...state, items: [...state.items, action.item] };
    default: return state;
  }
}`,
    },
    {
      name: 'spreading something that is not the accumulator',
      code: `const rows = items.reduce((acc, item) => { acc.push({ ...item, total: item.qty * item.price }); return acc; }, []);
for (const u of users) send({ ...defaults, ...u });`,
    },
    {
      name: 'a fresh object per iteration',
      code: `for (const row of rows) {
  let rec = {};
  rec = { ...rec, id: row.id };
  out.push(rec);
}`,
    },
    {
      name: 'Object.assign into the accumulator itself',
      code: `const merged = configs.reduce((acc, c) => Object.assign(acc, c), {});`,
    },
    {
      name: 'string appended in a loop and used once afterwards (rope, linear)',
      code: `let html = '';
for (const item of items) {
  html += \`<li>\${escape(item.name)}</li>\`;
}
el.innerHTML = html;`,
    },
    {
      name: 'string append where the loop only reads .length',
      code: `let line = '';
for (const w of words) {
  if (line.length + w.length > 80) { lines.push(line); line = ''; }
  line += w + ' ';
}`,
    },
    {
      name: 'string reduce that never reads the accumulator',
      code: `const csv = rows.reduce((acc, r) => acc + r.join(',') + '\\n', '');`,
    },
    {
      name: 'number accumulation',
      code: `let total = 0;
for (const o of orders) total += o.amount;`,
    },
    {
      name: 'spread in a reduce over a small literal array',
      code: `const cfg = ['a', 'b', 'c'].reduce((acc, k) => ({ ...acc, [k]: env[k] }), {});`,
    },
    {
      name: 'spread in a retry loop with a small bound',
      code: `let tried = [];
for (let attempt = 0; attempt < 3; attempt++) tried = [...tried, attempt];`,
    },
    {
      name: 'concat outside any loop',
      code: `const all = first.concat(second, third);
const str = 'a'.concat(b);`,
    },
    {
      name: 'setState updater with spread (React, not a loop)',
      file: 'app/list.tsx',
      code: `function add(item: Item) {
  setItems((prev) => [...prev, item]);
}`,
    },
    {
      name: 'string searched in a loop but appended outside it',
      code: `let s = header;
s += body;
for (const k of keys) if (s.includes(k)) hits++;`,
    },
    {
      name: 'reduce returning a spread of the current element, not the accumulator',
      code: `const last = xs.reduce((acc, x) => ({ ...x, prev: acc.id }), {});`,
    },
  ],
});
