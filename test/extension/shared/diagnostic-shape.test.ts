import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding, Severity } from '../../../src/core/lint/finding';
import { DIAGNOSTIC_SOURCE, findingToShape, severityName } from '../../../src/extension/shared/diagnostic-shape';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'n-plus-one',
    messageId: 'm',
    severity: 'warning',
    message: 'msg',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    start: 0,
    end: 1,
    fixes: [],
    docsUrl: 'docs/rules/n-plus-one.md',
    ...over,
  };
}

describe('findingToShape', () => {
  test('1-based engine lines and columns become 0-based', () => {
    const s = findingToShape(finding({ line: 3, column: 5, endLine: 4, endColumn: 1 }));
    assert.deepEqual(s.range, { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } });
  });

  test('each engine severity maps to the vscode.DiagnosticSeverity member of the same meaning', () => {
    const expected: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };
    for (const [sev, name] of Object.entries(expected)) {
      assert.equal(severityName(sev as Severity), name);
      assert.equal(findingToShape(finding({ severity: sev as Severity })).severity, name);
    }
  });

  test('source, message and code (rule id + docs path) carry over', () => {
    const s = findingToShape(finding({ ruleId: 'quadratic-building', message: 'copies acc', docsUrl: 'docs/rules/quadratic-building.md' }));
    assert.equal(s.source, DIAGNOSTIC_SOURCE);
    assert.equal(s.source, 'Perf Lens');
    assert.equal(s.message, 'copies acc');
    assert.deepEqual(s.code, { value: 'quadratic-building', docsPath: 'docs/rules/quadratic-building.md' });
  });
});
