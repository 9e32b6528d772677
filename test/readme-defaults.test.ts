// Folder READMEs state defaults by naming the constant: "sample length (`DEFAULT_SAMPLE_NS` = 5 ms)". Each such
// figure is checked against the exported constant (converted from the unit its name ends in), and a line that
// states a default-like figure without naming its constant fails, so a README cannot drift silently.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

function readmes(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...readmes(rel));
    else if (e.name === 'README.md') out.push(rel);
  }
  return out;
}

function tsFiles(dir: string, deep: boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) { if (deep) out.push(...tsFiles(rel, deep)); } else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** The exported constant `name`, from the README's own folder first, then anywhere under src/. */
function constantValue(readmeDir: string, name: string): unknown {
  const declares = new RegExp(`export const ${name}\\b`);
  const file = [...tsFiles(readmeDir, false), ...tsFiles('src', true)].find((f) => declares.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  assert.ok(file, `${name}: no \`export const ${name}\` under src/`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(ROOT, file)) as Record<string, unknown>)[name];
}

// `NAME` = 5 ms, `NAME` = 1,000 µs, `NAME` = 5%, `NAME` = 0.01, `NAME` = 15
const STATED = /`([A-Z][A-Z0-9_]*)` = (\d[\d,_]*(?:\.\d+)?) ?(ns|µs|us|ms|s|%)?(?![\w])/g;
const NS_PER: Record<string, number> = { ns: 1, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };
const SUFFIX_UNIT: Record<string, string> = { _NS: 'ns', _US: 'µs', _MS: 'ms' };
// Words that introduce a default; a figure shortly after one must be stated through its constant.
const DEFAULT_WORDS = /\b(default(?:s)?|warm-up|sample length|a sample lasts|minimum samples|sampling interval|α|minimum effect)\b[^.;()]{0,30}?\(?\s*~?\d/i;

/** The README figure in the constant's own unit (its name's suffix: _NS, _US, _MS; % as a fraction). */
function inConstantUnit(name: string, figure: string, unit: string | undefined): number {
  const value = Number(figure.replace(/[,_]/g, ''));
  if (unit === '%') return value / 100;
  const target = Object.entries(SUFFIX_UNIT).find(([suffix]) => name.endsWith(suffix))?.[1];
  if (unit === undefined || target === undefined) {
    assert.ok(unit === undefined && target === undefined, `${name} = ${figure} ${unit ?? ''}: a constant named in _NS/_US/_MS takes a time unit, and only it does`);
    return value;
  }
  return (value * NS_PER[unit]) / NS_PER[target];
}

const files = [...readmes('src'), ...readmes('webview')];

test('every default a README states by its constant matches the constant', () => {
  let checked = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(STATED)) {
      const [whole, name, figure, unit] = m;
      const actual = constantValue(path.dirname(file), name);
      assert.equal(typeof actual, 'number', `${file}: ${name} is not an exported number`);
      const stated = inConstantUnit(name, figure, unit);
      assert.ok(Math.abs(stated - (actual as number)) <= 1e-9 * Math.abs(actual as number), `${file}: "${whole}" but ${name} is ${actual}`);
      checked++;
    }
  }
  assert.ok(checked >= 10, `only ${checked} defaults found: did the README form change?`);
});

test('no README states a default-like figure without naming its constant', () => {
  const bare: string[] = [];
  for (const file of files) {
    fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
      const rest = line.replace(STATED, '`CONSTANT`');
      if (DEFAULT_WORDS.test(rest)) bare.push(`${file}:${i + 1}: ${rest.match(DEFAULT_WORDS)?.[0]}`);
    });
  }
  assert.deepEqual(bare, [], 'write such a figure as (`THE_CONSTANT` = 5 ms) so test/readme-defaults.test.ts checks it');
});

test('the checks themselves: a drifted figure and a bare default are caught', () => {
  assert.equal(inConstantUnit('DEFAULT_SAMPLE_NS', '5', 'ms'), 5_000_000);
  assert.equal(inConstantUnit('DEFAULT_INTERVAL_US', '1,000', 'µs'), 1000);
  assert.equal(inConstantUnit('DEFAULT_MIN_EFFECT', '5', '%'), 0.05);
  assert.notEqual(inConstantUnit('DEFAULT_SAMPLE_NS', '1', 'ms'), 5_000_000);
  assert.ok(DEFAULT_WORDS.test('default time (200 ms), warm-up (100 ms), sample length (1 ms)'));
  assert.ok(DEFAULT_WORDS.test('(a sample lasts ~5 ms)'));
  assert.ok(!DEFAULT_WORDS.test('default time (`CONSTANT`), warm-up (`CONSTANT`)'));
});
