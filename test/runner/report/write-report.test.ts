// Writing the HTML report (src/runner/report/write-report.ts) from a real profile: what it contains, and
// the files it must never replace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { embeddedMessages } from '../../../src/core/report/report-html';
import type { ShowMessage } from '../../../src/core/report/report-message';
import { ReportWriteError, writeProfileReport } from '../../../src/runner/report/write-report';
import { realProfileDir, webviewAssets } from './report-fixtures';

test('a real profile: hot spots and flame graph as the panel has them, the source-corrected function on top', () => {
  const { dir, profile, script } = realProfileDir();
  try {
    const out = path.join(dir, 'reports', 'busy.html');
    const written = writeProfileReport({ profilePath: profile, outFile: out, assetsDir: webviewAssets().dir });
    assert.equal(written.file, out);
    assert.equal(written.bytes, fs.statSync(out).size);
    const [message] = embeddedMessages(fs.readFileSync(out, 'utf8')) as ShowMessage[];
    assert.equal(message.type, 'show');
    assert.equal(message.title, `Hot spots of ${path.basename(profile)}`);
    assert.equal(message.partial, false);
    // V8 often inlines sumOfSquares into run; the report gives the time back to it, like the panel.
    const top = message.report.hotspots.find((h) => h.file === script);
    assert.deepEqual([top?.functionName, top?.line], ['sumOfSquares', 1]);
    assert.ok(message.flame.frames.some((f) => f.name === 'sumOfSquares' && f.file === script));
    assert.ok(message.flame.totalUs[0] > 300_000, `${message.flame.totalUs[0]} µs`);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['busy.html'], 'no temporary file left');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an existing file that is not a report is left untouched; an earlier report is replaced; overwrite replaces anything', () => {
  const { dir, profile } = realProfileDir();
  const assetsDir = webviewAssets().dir;
  try {
    const notes = path.join(dir, 'notes.html');
    fs.writeFileSync(notes, '<p>my notes</p>');
    assert.throws(() => writeProfileReport({ profilePath: profile, outFile: notes, assetsDir }), (e: Error) => e instanceof ReportWriteError && /is not a Perf Lens report/.test(e.message));
    assert.equal(fs.readFileSync(notes, 'utf8'), '<p>my notes</p>');

    const report = path.join(dir, 'report.html');
    writeProfileReport({ profilePath: profile, outFile: report, assetsDir, title: 'first' });
    writeProfileReport({ profilePath: profile, outFile: report, assetsDir, title: 'second' });
    assert.equal((embeddedMessages(fs.readFileSync(report, 'utf8'))[0] as ShowMessage).title, 'second');

    writeProfileReport({ profilePath: profile, outFile: notes, assetsDir, overwrite: true });
    assert.match(fs.readFileSync(notes, 'utf8'), /^<!DOCTYPE html>/);

    assert.throws(() => writeProfileReport({ profilePath: profile, outFile: profile, assetsDir, overwrite: true }), /would replace the profile itself/);
    assert.throws(() => writeProfileReport({ profilePath: profile, outFile: dir, assetsDir }), /is not a file/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('one sentence when the profile or the built page is missing, and nothing written', () => {
  const { dir, profile } = realProfileDir();
  try {
    const out = path.join(dir, 'r.html');
    assert.throws(() => writeProfileReport({ profilePath: profile, outFile: out, assetsDir: path.join(dir, 'nowhere') }), (e: Error) => e instanceof ReportWriteError && /hotspots\.js cannot be read \(ENOENT\): run the build/.test(e.message));
    assert.throws(() => writeProfileReport({ profilePath: path.join(dir, 'missing.cpuprofile'), outFile: out, assetsDir: webviewAssets().dir }), /cannot read .*missing\.cpuprofile \(ENOENT\)/);
    assert.equal(fs.existsSync(out), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
