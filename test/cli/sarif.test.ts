import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FINGERPRINT_KEY, artifactLocation, formatSarif, sarifLevel } from '../../src/cli/format/sarif';
import { RULES } from '../../src/core/lint/rules';
import type { FileFinding, FileNote } from '../../src/runner/lint/lint-files';
import { sarifProblems } from './sarif-shape';

const CWD = path.resolve('/work/project');

function finding(file: string, line: number, over: Partial<FileFinding> = {}): FileFinding {
  return {
    ruleId: 'n-plus-one', messageId: 'm', severity: 'warning', message: 'a query per element',
    line, column: 5, endLine: line, endColumn: 20, start: 0, end: 0, fixes: [], docsUrl: 'docs/rules/n-plus-one.md',
    file, absolutePath: path.join(CWD, file), ...over,
  };
}

function sarif(findings: FileFinding[], notes: FileNote[] = [], lines: Record<string, string> = {}) {
  return JSON.parse(
    formatSarif({
      findings, notes, rules: RULES, docs: new Map([['n-plus-one', '# n-plus-one\n\nDocs.']]), cwd: CWD,
      version: '1.2.3', informationUri: 'https://example.org/perf-lens',
      lineText: (f) => lines[`${f.file}:${f.line}`] ?? '',
    }),
  );
}

describe('SARIF output', () => {
  test('has the 2.1.0 shape GitHub code scanning requires', () => {
    const log = sarif(
      [finding('src/a.ts', 3), finding(path.join('dir with space', 'ünï.ts'), 1, { ruleId: 'quadratic-building', severity: 'information' })],
      [{ file: 'bad.ts', kind: 'parse-error', message: 'syntax error at 1:1' }, { file: 'b.js', kind: 'skipped', message: 'skipped: binary file' }],
    );
    assert.deepEqual(sarifProblems(log), []);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Perf Lens');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.id));
    assert.equal(run.results[1].ruleIndex, RULES.findIndex((r) => r.id === 'quadratic-building'));
    assert.equal(run.results[1].level, 'note');
    assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, 'dir%20with%20space/%C3%BCn%C3%AF.ts');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/project/');
    const notes = run.invocations[0].toolExecutionNotifications;
    assert.deepEqual(notes.map((n: { descriptor: { id: string } }) => n.descriptor.id), ['parse-error', 'skipped']);
    assert.equal(notes[0].locations[0].physicalLocation.artifactLocation.uri, 'bad.ts');
  });

  test('rule help is the docs page when present, else the description', () => {
    const rules = sarif([]).runs[0].tool.driver.rules;
    assert.equal(rules[0].help.markdown, '# n-plus-one\n\nDocs.');
    assert.equal(rules[1].help.markdown, undefined);
    assert.equal(rules[1].help.text, RULES[1].meta.description);
    for (const [i, r] of RULES.entries()) assert.equal(rules[i].defaultConfiguration.level, sarifLevel(r.meta.defaultSeverity));
  });

  test('fingerprints follow the line text, not the line number', () => {
    const fp = (log: { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }, i = 0) =>
      log.runs[0].results[i].partialFingerprints[FINGERPRINT_KEY];
    const before = sarif([finding('a.ts', 3)], [], { 'a.ts:3': '  await db.get(id);' });
    const moved = sarif([finding('a.ts', 9)], [], { 'a.ts:9': 'await db.get(id);  ' });
    const changed = sarif([finding('a.ts', 3)], [], { 'a.ts:3': '  await db.get(key);' });
    assert.equal(fp(before), fp(moved));
    assert.notEqual(fp(before), fp(changed));
    const twice = sarif([finding('a.ts', 3), finding('a.ts', 7)], [], { 'a.ts:3': 'x()', 'a.ts:7': 'x()' });
    assert.notEqual(fp(twice, 0), fp(twice, 1));
  });

  test('files outside the working directory get absolute file URIs', () => {
    const outside = path.resolve('/elsewhere/x.ts');
    const loc = artifactLocation(outside, outside, CWD);
    assert.equal(loc.uri, 'file:///elsewhere/x.ts');
    assert.equal(loc.uriBaseId, undefined);
  });

  test('the shape check catches what GitHub rejects', () => {
    const log = sarif([finding('src/a.ts', 3)]);
    assert.deepEqual(sarifProblems(log), []);
    const bad = structuredClone(log);
    bad.version = '2.0.0';
    bad.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'src\\a.ts';
    bad.runs[0].results[0].ruleIndex = 2;
    bad.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
    delete bad.runs[0].invocations[0].executionSuccessful;
    const problems = sarifProblems(bad);
    assert.equal(problems.length, 5, problems.join('\n'));
  });
});
