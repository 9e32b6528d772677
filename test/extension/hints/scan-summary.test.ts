import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { scanSummary } from '../../../src/extension/hints/scan-summary';

const base = { files: 40, hints: 12, filesWithHints: 7, skipped: 3, parseErrors: 0 };

test('hints, files and skipped', () => {
  assert.equal(scanSummary(base), 'Perf Lens: 12 hints in 7 files (3 skipped)');
});

test('singular forms and nothing skipped', () => {
  assert.equal(scanSummary({ ...base, hints: 1, filesWithHints: 1, skipped: 0 }), 'Perf Lens: 1 hint in 1 file');
});

test('no hints names how many files were scanned; syntax errors are counted', () => {
  assert.equal(scanSummary({ ...base, hints: 0, filesWithHints: 0, skipped: 0, parseErrors: 1 }), 'Perf Lens: no hints in 40 files (1 file with syntax errors)');
});

test('a cancelled scan says how far it got', () => {
  assert.equal(
    scanSummary({ ...base, files: 10, cancelledOf: 40 }),
    'Perf Lens: scan cancelled after 10 of 40 files: 12 hints in 7 files (3 skipped)',
  );
});
