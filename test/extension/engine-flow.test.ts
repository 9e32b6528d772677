// The host's pure translation and suppression code, fed by the REAL engine (no mocks): what the editor
// shows for a finding is checked against the text the engine reported on.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingToShape, severityName } from '../../src/extension/shared/diagnostic-shape';
import { suppressionEdit, type InsertEdit } from '../../src/extension/hints/suppression-edit';
import { lintText } from '../../src/core/lint/engine';
import { withDefaults } from '../../src/core/lint/config';
import { languageOf } from '../../src/core/lint/languages';
import { loadParsers } from '../../src/runner/lint/parsers';
import { HINT_SAMPLES } from './samples';
import { readHintSettings } from '../../src/extension/hints/hint-settings';

/** 0-based line/character of an offset, computed independently of the engine's LineIndex. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Applies an insertion to a text given as lines joined by `eol`. */
function apply(text: string, eol: string, edit: InsertEdit): string {
  const lines = text.split(eol);
  const line = lines[edit.line] ?? '';
  lines[edit.line] = line.slice(0, edit.character) + edit.text + line.slice(edit.character);
  return lines.join(eol);
}

describe('real engine findings through the translation', () => {
  for (const sample of HINT_SAMPLES) {
    test(`${sample.name}: the engine reports ${sample.ruleId}, and every range lands on the reported text`, async () => {
      const parsers = await loadParsers();
      const { findings } = lintText(sample.text, sample.fileName, withDefaults({}), parsers);
      assert.ok(
        findings.some((f) => f.ruleId === sample.ruleId),
        `expected ${sample.ruleId} in ${sample.fileName}, got [${findings.map((f) => f.ruleId).join(', ')}]`,
      );
      for (const f of findings) {
        const s = findingToShape(f);
        assert.deepEqual(s.range.start, positionOf(sample.text, f.start), `${f.ruleId} start`);
        assert.deepEqual(s.range.end, positionOf(sample.text, f.end), `${f.ruleId} end`);
        assert.equal(s.code.value, f.ruleId);
        assert.equal(s.code.docsPath, `docs/rules/${f.ruleId}.md`);
        assert.equal(s.severity, severityName(f.severity));
      }
    });
  }

  test('a per-rule severity setting reaches the diagnostic severity', async () => {
    const parsers = await loadParsers();
    const sample = HINT_SAMPLES[0];
    const config = withDefaults({ rules: { [sample.ruleId]: { severity: 'error' } } });
    const shapes = lintText(sample.text, sample.fileName, config, parsers).findings.map(findingToShape);
    const ours = shapes.filter((s) => s.code.value === sample.ruleId);
    assert.ok(ours.length > 0);
    for (const s of ours) assert.equal(s.severity, 'Error');
  });

  test('ranges stay right after CRLF line endings and astral characters', async () => {
    const sample = HINT_SAMPLES.find((s) => s.fileName.endsWith('.ts'))!;
    const text = `// 😀 émoji\r\n${sample.text.replace(/\n/g, '\r\n')}`;
    const { findings } = lintText(text, sample.fileName, withDefaults({}));
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.deepEqual(findingToShape(f).range.start, positionOf(text, f.start));
      assert.deepEqual(findingToShape(f).range.end, positionOf(text, f.end));
    }
  });
});

describe('the inserted comment silences the finding in the real engine', () => {
  for (const sample of HINT_SAMPLES) {
    test(sample.name, async () => {
      const parsers = await loadParsers();
      const config = withDefaults({});
      const before = lintText(sample.text, sample.fileName, config, parsers).findings;
      const target = before.find((f) => f.ruleId === sample.ruleId);
      assert.ok(target, `expected ${sample.ruleId} in ${sample.fileName}`);
      const lines = sample.text.split('\n');
      const line = target.line - 1;
      const edit = suppressionEdit(languageOf(sample.fileName)!, target.ruleId, line, lines[line], lines[line - 1], '\n');
      const after = lintText(apply(sample.text, '\n', edit), sample.fileName, config, parsers).findings;
      const sameLine = after.filter((f) => f.ruleId === target.ruleId && f.line === target.line + 1 && f.column === target.column);
      assert.deepEqual(sameLine, [], 'the finding moved one line down and must be gone');
      assert.equal(after.filter((f) => f.ruleId === target.ruleId).length, before.filter((f) => f.ruleId === target.ruleId).length - 1);
    });
  }
});

describe('settings from the editor reach the real engine', () => {
  test('perfLens.hints.maxFileSizeKb: a bigger file is skipped with a note naming the setting, not linted', () => {
    const settings = readHintSettings((k) => (k === 'maxFileSizeKb' ? 1 : undefined));
    const text = `const xs = [];\n${'xs.push(1);\n'.repeat(200)}`;
    const r = lintText(text, 'src/big.ts', settings.config);
    assert.deepEqual(r.findings, []);
    assert.equal(r.notes.length, 1);
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /perfLens\.hints\.maxFileSizeKb/);
  });

  test('every rule off: nothing runs, even on code with every anti-pattern', async () => {
    const parsers = await loadParsers();
    const off = Object.fromEntries(['n-plus-one', 'unbounded-concurrency', 'quadratic-building'].map((id) => [`severity.${id}`, 'off']));
    const settings = readHintSettings((k) => off[k]);
    for (const sample of HINT_SAMPLES) {
      assert.deepEqual(lintText(sample.text, sample.fileName, settings.config, parsers), { findings: [], notes: [] }, sample.name);
    }
  });

  test('includeTestFiles: test files are linted only when it is on', () => {
    const sample = HINT_SAMPLES[0];
    const off = readHintSettings(() => undefined).config;
    const on = readHintSettings((k) => (k === 'includeTestFiles' ? true : undefined)).config;
    assert.deepEqual(lintText(sample.text, 'src/orders.test.ts', off).findings, []);
    assert.deepEqual(
      lintText(sample.text, 'src/orders.test.ts', on).findings.map((f) => f.ruleId),
      lintText(sample.text, sample.fileName, on).findings.map((f) => f.ruleId),
    );
    assert.ok(lintText(sample.text, 'src/orders.test.ts', on).findings.length > 0);
  });
});
