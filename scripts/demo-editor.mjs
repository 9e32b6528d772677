// `npm run demo:editor`: the bundled examples in a real VS Code (code-server 4.100.3) with the freshly
// packaged dist/perf-lens.vsix installed, for a look by hand. Prints the URL and stays up until Ctrl-C,
// then stops code-server's whole process group. The examples are copied to a temp folder first, so
// edits made in the demo never touch the repo.
//   PERF_LENS_DEMO_PORT=8080  fixed port (default: a free one)
//   PERF_LENS_DEMO_HOST=0.0.0.0  listen beyond loopback (default 127.0.0.1; --auth none: mind who can reach it)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.join(repo, 'dist', 'perf-lens.vsix');

function fail(message) {
  console.error(`demo:editor: ${message}`);
  process.exit(1);
}

const setup = spawnSync('bash', [path.join(repo, 'scripts', 'setup-editor.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (setup.status !== 0) fail('editor setup failed (see above).');
const cache = setup.stdout.trim().split('\n').pop();
const entry = path.join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repo, stdio: 'inherit' });
if (pkg.status !== 0 || !fs.existsSync(vsix)) fail('`npm run package` failed: no dist/perf-lens.vsix.');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-demo-'));
const workspace = path.join(root, 'examples');
const skip = new Set(['node_modules', '_build', 'deps', 'dist']);
fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
const userDataDir = path.join(root, 'user-data');
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2));
const common = [
  entry,
  '--config', path.join(root, 'config.yaml'),
  '--auth', 'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--user-data-dir', userDataDir,
  '--extensions-dir', path.join(root, 'extensions'),
];
const env = { ...process.env, XDG_CONFIG_HOME: path.join(root, 'xdg-config'), XDG_DATA_HOME: path.join(root, 'xdg-data'), NODE_OPTIONS: '' };

const install = spawnSync(process.execPath, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
if (install.status !== 0) fail(`installing the VSIX failed:\n${install.stdout}${install.stderr}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const host = process.env.PERF_LENS_DEMO_HOST ?? '127.0.0.1';
const port = Number(process.env.PERF_LENS_DEMO_PORT ?? (await freePort()));
// Own process group (detached) so Ctrl-C can stop everything code-server started, fileWatcher included.
const server = spawn(process.execPath, [...common, '--bind-addr', `${host}:${port}`, '--ignore-last-opened', workspace], {
  env,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', () => undefined);
let stderr = '';
server.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));

let stopping = false;
let exitCode = 0;
function killGroup(signal) {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}
function finish() {
  killGroup('SIGKILL'); // children (fileWatcher, extension host) may outlive the main process
  fs.rmSync(root, { recursive: true, force: true });
  process.exit(exitCode);
}
function stop(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  killGroup('SIGTERM');
  setTimeout(finish, 3000); // grace period, then the whole group goes
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('exit', () => killGroup('SIGKILL'));
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`demo:editor: code-server exited (${code}).\n${stderr}`);
    exitCode = 1;
  }
  finish();
});

const deadline = Date.now() + 60_000;
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) {
    console.error(`demo:editor: code-server did not answer within 60 s.\n${stderr}`);
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}
if (!stopping) {
  const shown = host === '0.0.0.0' ? os.hostname() : host;
  console.log(`Perf Lens demo: http://${shown}:${port}/?folder=${encodeURIComponent(workspace)}`);
  console.log('Open a *.slow.* file (Ctrl+P) to see the hints; answer the trust dialog as you like. Ctrl-C stops the editor.');
}
