// Valid/invalid tables for one rule in one language, in the style of ESLint's RuleTester.
import { describe, test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText, type Parsers } from '../../../src/core/lint/engine';
import { withDefaults, type LintConfig } from '../../../src/core/lint/config';
import type { Finding, RuleId, Severity } from '../../../src/core/lint/finding';
import type { LanguageId } from '../../../src/core/lint/rule';
import { loadParsers } from '../../../src/runner/lint/parsers';

export interface ValidCase {
  name: string;
  code: string;
  /** Defaults to src/example.ts (JS) or lib/example.ex (Elixir); the extension picks the parser. */
  file?: string;
  config?: Partial<LintConfig>;
}

export interface ExpectedError {
  line: number;
  column: number;
  messageId?: string;
  severity?: Severity;
  /** A substring the message must contain. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Lints `code` with only `ruleId` enabled. */
export function lintWith(ruleId: RuleId, c: ValidCase, language: LanguageId, parsers: Parsers): Finding[] {
  const file = c.file ?? (language === 'js' ? 'src/example.ts' : 'lib/example.ex');
  const config = withDefaults({ ...c.config, only: [ruleId] });
  const result = lintText(c.code, file, config, parsers);
  return result.findings;
}

function describeFinding(f: Finding): string {
  return `${f.line}:${f.column} ${f.severity} ${f.message}`;
}

/** Registers one node:test per case: valid cases must report nothing, invalid ones exactly `errors`. */
export function runRuleTable(ruleId: RuleId, language: LanguageId, table: RuleTable): void {
  describe(`${ruleId} (${language})`, () => {
    let parsers: Parsers = {};
    before(async () => {
      parsers = await loadParsers();
    });
    for (const c of table.valid) {
      test(`valid: ${c.name}`, () => {
        const findings = lintWith(ruleId, c, language, parsers);
        assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
      });
    }
    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const findings = lintWith(ruleId, c, language, parsers);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n')}`);
        c.errors.forEach((e, i) => {
          const f = findings[i];
          assert.equal(`${f.line}:${f.column}`, `${e.line}:${e.column}`, `position of finding ${i}: ${describeFinding(f)}`);
          if (e.messageId) assert.equal(f.messageId, e.messageId, `messageId of finding ${i}`);
          if (e.severity) assert.equal(f.severity, e.severity);
          if (e.message) assert.ok(f.message.includes(e.message), `message "${f.message}" lacks "${e.message}"`);
        });
      });
    }
  });
}
