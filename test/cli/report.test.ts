// `--report <file.html>` of perf-lens profile and perf-lens hotspots, through the real CLI bundle and real profiles.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { embeddedMessages } from '../../src/core/report/report-html';
import type { ShowMessage } from '../../src/core/report/report-message';
import { makeTree, runCli } from './cli-harness';
import { BUSY_SCRIPT } from '../runner/report/report-fixtures';

const readReport = (file: string) => embeddedMessages(fs.readFileSync(file, 'utf8'))[0] as ShowMessage;

describe('perf-lens hotspots --report', () => {
  let dir: string;
  let profile: string;
  before(() => {
    dir = makeTree({ 'src/busy.js': BUSY_SCRIPT });
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'prof'), '--cpu-prof-interval', '500', 'src/busy.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    profile = path.join('prof', fs.readdirSync(path.join(dir, 'prof'))[0]);
  });

  test('text: the usual output, then the report line; the report holds the same top function', () => {
    const r = runCli(['hotspots', profile, '--report', 'out/busy.html'], dir);
    assert.equal(r.status, 0, r.stderr);
    const report = path.join(dir, 'out', 'busy.html');
    assert.match(r.stdout, /sumOfSquares/);
    assert.match(r.stdout, new RegExp(`\\nreport: ${report.replace(/[.]/g, '\\.')} \\(\\d+ KB, opens in any browser\\)\\n$`));
    const message = readReport(report);
    assert.equal(message.report.hotspots.find((h) => h.file === path.join(dir, 'src/busy.js'))?.functionName, 'sumOfSquares');
    assert.ok(message.flame.frame.length > 3);
  });

  test('json: stdout stays one JSON document, the report line goes to stderr; --as-recorded reaches the report', () => {
    const r = runCli(['hotspots', profile, '--format', 'json', '--as-recorded', '--report', 'json.html'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(r.stderr, /^report: .*json\.html/);
    const message = readReport(path.join(dir, 'json.html'));
    // As recorded: the same self times per function as the JSON (no inlining correction in either).
    const inJson = new Map(out.hotspots.map((h: { functionName: string; file: string; selfMs: number }) => [`${h.functionName} ${h.file}`, h.selfMs]));
    for (const h of message.report.hotspots.slice(0, 5)) assert.equal(inJson.get(`${h.functionName} ${h.file}`), h.selfMs, h.functionName);
  });

  test('bad names: one line, exit 2, before any work, and a file that is not a report stays as it was', () => {
    let r = runCli(['hotspots', profile, '--report', 'busy.txt'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'perf-lens: --report needs a file name ending in .html (got "busy.txt")\n');
    assert.equal(r.stdout, '');
    fs.writeFileSync(path.join(dir, 'mine.html'), 'keep me');
    r = runCli(['hotspots', profile, '--report', 'mine.html'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^perf-lens: .*mine\.html exists and is not a Perf Lens report: choose another name for the report \(the file was left untouched\)\n$/);
    assert.equal(r.stdout, '', 'checked before the hot spots are printed');
    assert.equal(fs.readFileSync(path.join(dir, 'mine.html'), 'utf8'), 'keep me');
  });
});

describe('perf-lens profile --report', () => {
  test('--function: the report of the new profile, titled after the function, the harness hidden', () => {
    const dir = makeTree({ 'lib.js': 'function sumOfSquares(n) { let s = 0; for (let i = 0; i < n; i++) s += i * i; return s; }\nexports.work = () => sumOfSquares(20_000);\n' });
    const r = runCli(['profile', 'lib.js', '--function', 'work', '--duration', '300', '--no-call-counts', '--report', 'work.html', '--out', 'work.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /report: .*work\.html/);
    const message = readReport(path.join(dir, 'work.html'));
    assert.equal(message.title, 'Hot spots of work (lib.js)');
    assert.equal(message.partial, false);
    assert.equal(message.report.hotspots.filter((h) => h.file === path.join(dir, 'lib.js'))[0]?.functionName, 'sumOfSquares');
    assert.ok(!message.flame.frames.some((f) => /profile-harness/.test(f.file)), 'no harness frame');
    assert.ok(fs.existsSync(path.join(dir, 'work.cpuprofile')));
  });

  test('a script, --format json: stdout is the JSON contract, the report written', () => {
    const dir = makeTree({ 'busy.js': BUSY_SCRIPT });
    const r = runCli(['profile', 'busy.js', '--format', 'json', '--report', 'r.html'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).hotspots.length > 0);
    assert.match(r.stderr, /^report: .*r\.html/m);
    assert.equal(readReport(path.join(dir, 'r.html')).title, 'Hot spots of busy.js');
  });

  test('a bad --report name fails before the target runs', () => {
    const dir = makeTree({ 'marks.js': 'require("fs").writeFileSync(__dirname + "/ran", "yes");\n' });
    const r = runCli(['profile', 'marks.js', '--report', 'r.pdf'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'perf-lens: --report needs a file name ending in .html (got "r.pdf")\n');
    assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  });
});
