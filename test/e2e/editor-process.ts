// Starting and always stopping code-server: its own process group, killed whole (a fileWatcher child
// outlives the main process otherwise), on close, on process exit and on Ctrl-C / SIGTERM.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const VERSION = '4.100.3';

/** Where scripts/setup-editor.sh put code-server; a clear error when the setup has not run. */
export function codeServerEntry(): string {
  const cache = process.env.PERF_LENS_EDITOR_CACHE ?? path.join(os.homedir(), '.cache', 'perf-lens', `code-server-${VERSION}`);
  const entry = path.join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(cache, '.perf-lens-setup-complete')) || !fs.existsSync(entry)) {
    throw new Error(`code-server ${VERSION} is not set up in ${cache}: run \`bash scripts/setup-editor.sh\` first.`);
  }
  return entry;
}

const groups = new Set<number>();
const tempRoots = new Set<string>();

/** A temp folder removed at exit, also when the run is interrupted (unless PERF_LENS_E2E_KEEP is set). */
export function removeAtExit(dir: string): () => void {
  tempRoots.add(dir);
  return () => {
    tempRoots.delete(dir);
    if (!process.env.PERF_LENS_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
}

function killGroupNow(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  groups.delete(pid);
}

let hooksInstalled = false;
export function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: process.kill is.
  process.on('exit', () => {
    [...groups].forEach(killGroupNow);
    if (!process.env.PERF_LENS_E2E_KEEP) for (const d of tempRoots) fs.rmSync(d, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      [...groups].forEach(killGroupNow);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** A port free right now on 127.0.0.1 (code-server cannot bind port 0 itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface EditorProcess {
  pid: number;
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL to the group after `graceMs`. Never throws. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs code-server with `args` (plus the flags that keep it private and quiet) in its own process
 * group; stdout/stderr go to `logFile`. `home` holds the config and XDG folders so nothing is written
 * under the user's $HOME.
 */
export function startCodeServer(args: string[], home: string, logFile: string): EditorProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      codeServerEntry(),
      '--config', path.join(home, 'config.yaml'),
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...args,
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
        XDG_DATA_HOME: path.join(home, 'xdg-data'),
        // The extension host inherits this; a parent's NODE_OPTIONS (tsx's --import) must not leak in.
        NODE_OPTIONS: '',
      },
    },
  );
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  groups.add(pid);
  installExitHooks();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid,
    exited,
    async stop(graceMs = 3000) {
      if (!groups.has(pid)) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // group already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
      // The main process may be gone while a child (fileWatcher, extension host) lingers: kill the group anyway.
      killGroupNow(pid);
    },
  };
}

/** Runs a short code-server command (e.g. --install-extension) to its end; throws with the log on failure. */
export async function runCodeServer(args: string[], home: string, logFile: string, timeoutMs = 120_000): Promise<string> {
  const proc = startCodeServer(args, home, logFile);
  const timer = setTimeout(() => void proc.stop(0), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  await proc.stop(0);
  const log = fs.readFileSync(logFile, 'utf8');
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${code}:\n${log}`);
  return log;
}

/** Resolves once GET /healthz answers, rejects when the process exits or `timeoutMs` passes. */
export async function waitForHttp(port: number, proc: EditorProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited (${exitCode}) before serving:\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on port ${port} within ${timeoutMs} ms:\n${fs.readFileSync(logFile, 'utf8')}`);
}
