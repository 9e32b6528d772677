// Every quick fix the JS rules offer must parse and compute the same result as the original code.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import ts from 'typescript';
import { lintText } from '../../../../src/core/lint/engine';
import { withDefaults } from '../../../../src/core/lint/config';
import { applyEdits } from '../../../../src/core/lint/fix';
import type { Finding } from '../../../../src/core/lint/finding';

function lint(code: string, file = 'src/fix-sample.ts'): Finding[] {
  return lintText(code, file, withDefaults({ only: ['quadratic-building'] })).findings;
}

/** Transpiles and runs `code` (which must define `result`) on `input`; returns JSON of the result. */
function run(code: string, input: unknown): string {
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } });
  assert.deepEqual((out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')), [], 'syntax errors');
  const sandbox: Record<string, unknown> = { input, output: undefined };
  vm.runInNewContext(`${out.outputText}\noutput = JSON.stringify(result);`, sandbox, { timeout: 1000 });
  return sandbox.output as string;
}

interface FixCase {
  name: string;
  code: string;
  inputs: unknown[];
  /** Expected text after the fix, when the exact rewrite matters. */
  fixed?: string;
}

const items = [
  { id: 'a', v: 1, ok: true, tags: ['x'], attrs: { color: 'red' } },
  { id: 'b', v: 2, ok: false, tags: [], attrs: { size: 3 } },
  { id: 'a', v: 3, ok: true, tags: ['y', 'z'], attrs: { color: 'blue' } },
];
const inputs = [[], items, items.slice(1)];

const fixable: FixCase[] = [
  {
    name: 'array spread in an expression-bodied arrow',
    code: `const result = input.reduce((acc, x) => [...acc, x.v * 2], []);`,
    fixed: `const result = input.reduce((acc, x) => { acc.push(x.v * 2); return acc; }, []);`,
    inputs,
  },
  {
    name: 'several elements and a spread after the accumulator',
    code: `const result = input.reduce((acc: string[], x: any) => [...acc, x.id, ...x.tags], [] as string[]);`,
    inputs,
  },
  {
    name: 'object spread with a computed key (duplicate keys keep their first position)',
    code: `const result = input.reduce((acc, x) => ({ ...acc, [x.id]: x.v }), {});`,
    fixed: `const result = input.reduce((acc, x) => { acc[x.id] = x.v; return acc; }, {});`,
    inputs,
  },
  {
    name: 'several properties, identifier and string keys',
    code: `const result = input.reduce((acc, x) => ({ ...acc, [x.id]: x.v, last: x.id, 'count-of': x.tags.length }), {});`,
    inputs,
  },
  {
    name: 'a value that reads the accumulator (single property)',
    code: `const result = input.reduce((acc, x) => ({ ...acc, [x.id]: (acc[x.id] ?? 0) + x.v }), {} as Record<string, number>);`,
    inputs,
  },
  {
    name: 'shorthand property',
    code: `const result = input.reduce((acc, { id }) => ({ ...acc, id }), {});`,
    inputs,
  },
  {
    name: 'object spread of another object',
    code: `const result = input.reduce((acc, x) => ({ ...acc, ...x.attrs }), {});`,
    inputs,
  },
  {
    name: 'function expression with an early return of the accumulator',
    code: `const result = input.reduce(function (acc, x) {
  if (!x.ok) return acc;
  const key = x.id.toUpperCase();
  return { ...acc, [key]: acc[key] ? acc[key] + x.v : x.v };
}, {});`,
    inputs,
  },
  {
    name: 'return without braces under an if',
    code: `const result = input.reduce((acc, x) => {
  if (x.ok) return [...acc, x.id];
  return acc;
}, []);`,
    inputs,
  },
  {
    name: 'a non-empty fresh initial literal',
    code: `const result = input.reduce((acc, x) => ({ ...acc, [x.id]: x.v }), { seed: 0 });`,
    inputs,
  },
];

const refused: { name: string; code: string }[] = [
  { name: 'accumulator spread not first', code: `const result = input.reduce((acc, x) => [x.v, ...acc], []);` },
  { name: 'object accumulator spread not first', code: `const result = input.reduce((acc, x) => ({ [x.id]: x.v, ...acc }), {});` },
  { name: 'initial value is not a fresh literal', code: `const base = { z: 1 };\nconst result = input.reduce((acc, x) => ({ ...acc, [x.id]: x.v }), base);` },
  { name: 'later property reads the accumulator', code: `const result = input.reduce((acc, x) => ({ ...acc, a: x.v, b: acc.a }), {});` },
  { name: '__proto__ key', code: `const result = input.reduce((acc, x) => ({ ...acc, __proto__: x }), {});` },
  { name: 'conditional expression body', code: `const result = input.reduce((acc, x) => (x.ok ? [...acc, x.id] : acc), []);` },
  { name: 'accumulator passed on in the block body', code: `const result = input.reduce((acc, x) => { log(acc); return [...acc, x.id]; }, []);` },
  { name: 'method in the literal', code: `const result = input.reduce((acc, x) => ({ ...acc, get [x.id]() { return 1; } }), {});` },
  { name: 'spread in a loop (no reduce)', code: `let result = [];\nfor (const x of input) result = [...result, x.id];` },
];

describe('quadratic-building quick fixes (JS)', () => {
  for (const c of fixable) {
    test(`fix: ${c.name}`, () => {
      const findings = lint(c.code);
      assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
      const [fix] = findings[0].fixes;
      assert.ok(fix, 'expected a quick fix');
      const fixed = applyEdits(c.code, fix.edits);
      if (c.fixed) assert.equal(fixed, c.fixed);
      for (const input of c.inputs) {
        assert.equal(run(fixed, structuredClone(input)), run(c.code, structuredClone(input)), `same result for ${JSON.stringify(input)}`);
      }
      assert.deepEqual(lint(fixed).map((f) => f.message), [], 'the fixed code is no longer reported');
    });
  }
  for (const c of refused) {
    test(`no fix: ${c.name}`, () => {
      const findings = lint(c.code);
      assert.ok(findings.length >= 1, 'the copy is still reported');
      assert.deepEqual(findings.flatMap((f) => f.fixes), []);
    });
  }
});
