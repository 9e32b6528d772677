// The rules that keep the code testable (../shared/ARCHITECTURE.md), checked on every run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { RULES } from '../src/core/lint/rules';

const ROOT = path.join(__dirname, '..');

function filesUnder(dir: string, ext = /\.ts$/): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(rel, ext));
    else if (ext.test(e.name)) out.push(rel);
  }
  return out;
}

/** Module specifiers imported or required by a file, from the TypeScript pre-processor (not a regex). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

const NODE_IO = ['fs', 'fs/promises', 'child_process', 'inspector', 'inspector/promises', 'net', 'http', 'https', 'worker_threads', 'dgram', 'tls', 'cluster'];

test('only src/extension imports vscode', () => {
  const offenders = [...filesUnder('src'), ...filesUnder('webview')]
    .filter((f) => !f.startsWith(path.join('src', 'extension')))
    .filter((f) => importsOf(f).includes('vscode'));
  assert.deepEqual(offenders, []);
});

test('src/core does no I/O', () => {
  const offenders = filesUnder('src/core').flatMap((f) =>
    importsOf(f)
      .filter((m) => NODE_IO.includes(m.replace(/^node:/, '')))
      .map((m) => `${f} imports ${m}`),
  );
  assert.deepEqual(offenders, []);
});

/** Relative imports of `file`, resolved to repository paths (no extension check: a prefix is enough here). */
function relativeTargets(file: string): string[] {
  return importsOf(file)
    .filter((m) => m.startsWith('.'))
    .map((m) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), m)));
}

test('webview code imports only src/core, src/protocol, webview/shared and its own view', () => {
  const offenders = filesUnder('webview').flatMap((f) => {
    const [, view] = f.split(path.sep);
    return relativeTargets(f)
      .filter((target) => {
        if (/^src[\\/](core|protocol)[\\/]/.test(target)) return false;
        if (target.startsWith('src')) return true;
        const [, targetView] = target.split(path.sep);
        // A view may use shared/; shared/ must not reach into a view; no view reaches into another.
        return !(targetView === 'shared' || targetView === view);
      })
      .map((t) => `${f} imports ${t}`);
  });
  assert.deepEqual(offenders, []);
});

test('src/core imports nothing from src/protocol (protocol depends on core, not the reverse)', () => {
  const offenders = filesUnder('src/core').flatMap((f) =>
    relativeTargets(f)
      .filter((t) => t.startsWith(path.join('src', 'protocol')))
      .map((t) => `${f} imports ${t}`),
  );
  assert.deepEqual(offenders, []);
});

test('only src/runner/process spawns: no other code imports child_process', () => {
  const offenders = [...filesUnder('src'), ...filesUnder('webview')]
    .filter((f) => !f.startsWith(path.join('src', 'runner', 'process') + path.sep))
    .filter((f) => importsOf(f).some((m) => m.replace(/^node:/, '') === 'child_process'))
    .map((f) => `${f} imports child_process`);
  assert.deepEqual(offenders, []);
});

/** Runtime (not type-only) import declarations of a file, as module specifiers. */
function runtimeImportsOf(file: string): string[] {
  const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const st of src.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        if (clause?.isTypeOnly) continue;
        const named = clause?.namedBindings;
        const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
        if (onlyTypes) continue;
      } else if (st.isTypeOnly) continue;
      out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

test('the extension reaches src/runner only through the lazily loaded engine (type-only imports)', () => {
  const runner = path.join('src', 'runner') + path.sep;
  const offenders = filesUnder('src/extension').flatMap((f) =>
    runtimeImportsOf(f)
      .filter((m) => m.startsWith('.'))
      .map((m) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, f)), m)))
      .filter((t) => t.startsWith(runner))
      .map((t) => `${f} imports ${t} at runtime`),
  );
  assert.deepEqual(offenders, []);
});

test('every name of the engine facade is used, as engine.<feature>.<name>, by the extension or a benchmark', () => {
  const users = [...filesUnder('src/extension'), ...filesUnder('src/runner'), ...filesUnder('bench', /\.m?[jt]s$/)]
    .map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
    .join('\n');
  const unused: string[] = [];
  for (const file of filesUnder('src/runner/engine')) {
    const feature = path.basename(file, '.ts');
    assert.ok(fs.readFileSync(path.join(ROOT, 'src/runner/engine-entry.ts'), 'utf8').includes(`export * as ${feature} from './engine/${feature}'`), `${file} is not in engine-entry.ts`);
    const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
    for (const st of src.statements) {
      if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
      for (const e of st.exportClause.elements) {
        if (!new RegExp(`\\.${feature}\\.${e.name.text}\\b`).test(users)) unused.push(`${feature}.${e.name.text}`);
      }
    }
  }
  assert.deepEqual(unused, []);
});

test('src/extension is one folder per feature: its root holds only extension.ts', () => {
  const rootFiles = fs.readdirSync(path.join(ROOT, 'src/extension')).filter((f) => f.endsWith('.ts'));
  assert.deepEqual(rootFiles, ['extension.ts']);
});

const RULES_DIR = 'src/core/lint/rules';
const RULE_TESTS_DIR = 'test/core/lint/rules';
/** Folders of src/core/lint/rules that are not rules: helpers shared by the rules of one language. */
const SHARED_DIR = 'shared';

function foldersIn(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

test('every rule folder is registered, its folder name is its id, and it holds one file per language', () => {
  const ids = RULES.map((r) => r.id).sort();
  assert.deepEqual(foldersIn(RULES_DIR).filter((d) => d !== SHARED_DIR), ids, `folders of ${RULES_DIR} vs the registry`);
  const topFiles = fs.readdirSync(path.join(ROOT, RULES_DIR), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  assert.deepEqual(topFiles.sort(), ['README.md', 'index.ts'], `${RULES_DIR} holds the registry; each rule lives in its folder`);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/, `${rule.id} is kebab-case`);
    // The registered object is the one its folder's index.ts exports.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(ROOT, RULES_DIR, rule.id, 'index.ts')) as Record<string, unknown>;
    assert.ok(Object.values(mod).includes(rule), `${RULES_DIR}/${rule.id}/index.ts must export the registered ${rule.id} rule`);
    assert.deepEqual(Object.keys(rule.create).sort(), [...rule.languages].sort(), `${rule.id}: create has exactly its languages`);
    for (const lang of rule.languages) {
      assert.ok(rule.create[lang], `${rule.id} lists ${lang} but has no ${lang} implementation`);
      assert.ok(fs.existsSync(path.join(ROOT, RULES_DIR, rule.id, `${lang}.ts`)), `${RULES_DIR}/${rule.id}/${lang}.ts`);
    }
  }
});

test('every rule is documented', () => {
  for (const rule of RULES) {
    const doc = path.join(ROOT, rule.meta.docsPath);
    assert.equal(rule.meta.docsPath, `docs/rules/${rule.id}.md`);
    assert.ok(fs.existsSync(doc), `${rule.meta.docsPath} is missing`);
    const text = fs.readFileSync(doc, 'utf8');
    assert.ok(text.includes(`perf-lens-disable-next-line ${rule.id}`), `${rule.id} docs must say how to silence it`);
    assert.ok(rule.meta.description.length > 20, `${rule.id} needs a description`);
    // The rule tables users read first link every rule's page.
    assert.ok(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').includes(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`), `README.md's rule table lacks ${rule.id}`);
    assert.ok(fs.readFileSync(path.join(ROOT, 'docs/README.md'), 'utf8').includes(`[\`${rule.id}\`](rules/${rule.id}.md)`), `docs/README.md's rule table lacks ${rule.id}`);
  }
});

test('every rule is tested in every language it supports, in test/core/lint/rules/<id>/<lang>.test.ts', () => {
  assert.deepEqual(foldersIn(RULE_TESTS_DIR), RULES.map((r) => r.id).sort(), `folders of ${RULE_TESTS_DIR} vs the registry`);
  for (const rule of RULES) {
    for (const lang of rule.languages) {
      const file = path.join(ROOT, RULE_TESTS_DIR, rule.id, `${lang}.test.ts`);
      assert.ok(fs.existsSync(file), `missing ${path.relative(ROOT, file)}`);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.includes(`runRuleTable('${rule.id}', '${lang}'`), `${path.relative(ROOT, file)} must run a rule table for ${rule.id}`);
    }
  }
});

/** Counts the object literals in the `valid`/`invalid` arrays of each runRuleTable(...) call in `file`. */
function countTableCases(file: string): { valid: number; invalid: number } {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const counts = { valid: 0, invalid: 0 };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'runRuleTable') {
      const table = node.arguments[2];
      if (table && ts.isObjectLiteralExpression(table)) {
        for (const p of table.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
          const key = p.name.text;
          if ((key === 'valid' || key === 'invalid') && ts.isArrayLiteralExpression(p.initializer)) {
            counts[key] += p.initializer.elements.filter(ts.isObjectLiteralExpression).length;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return counts;
}

test('rule tables hold at least 40 must-report and 40 must-stay-silent cases per language', () => {
  const perLanguage = new Map<string, { valid: number; invalid: number }>();
  for (const rule of RULES) {
    for (const lang of rule.languages) {
      const c = countTableCases(path.join(ROOT, RULE_TESTS_DIR, rule.id, `${lang}.test.ts`));
      assert.ok(c.invalid > 0 && c.valid > 0, `${rule.id}/${lang} table has ${c.invalid} invalid and ${c.valid} valid cases`);
      const sum = perLanguage.get(lang) ?? { valid: 0, invalid: 0 };
      perLanguage.set(lang, { valid: sum.valid + c.valid, invalid: sum.invalid + c.invalid });
    }
  }
  assert.deepEqual([...perLanguage.keys()].sort(), ['elixir', 'js']);
  for (const [lang, c] of perLanguage) {
    assert.ok(c.invalid >= 40, `${lang}: ${c.invalid} must-report cases, want at least 40`);
    assert.ok(c.valid >= 40, `${lang}: ${c.valid} must-stay-silent cases, want at least 40`);
  }
});

test('every source folder has a README naming each of its files', () => {
  const dirs = new Set([...filesUnder('src'), ...filesUnder('webview')].map((f) => path.dirname(f)));
  const missing: string[] = [];
  for (const dir of dirs) {
    const readme = path.join(ROOT, dir, 'README.md');
    const text = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '';
    for (const f of fs.readdirSync(path.join(ROOT, dir))) {
      if (f.endsWith('.ts') && !text.includes(f)) missing.push(path.join(dir, f));
    }
  }
  assert.deepEqual(missing, [], 'files not listed in their folder README.md');
});
