/**
 * `npm run <name> [-- args]` with every Node.js process it starts profiled (profile-processes.ts). npm is
 * started directly (`node npm-cli.js run <name> -- <args>`), never through a shell of ours: the name and
 * the arguments reach npm as argv entries. npm then runs the script's own text with its shell, as
 * `npm run` always does, and quotes the arguments for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileOptionsError } from './run-profile';
import { type ProcessRunOptions, type ProcessTreeResult, checkProcessRunOptions, findOnPath, nodeExecutable, profileProcessTree } from './profile-processes';

export interface ProfileNpmScriptOptions extends ProcessRunOptions {
  /** The script's name in package.json "scripts". */
  name: string;
  /** Arguments for the script (after npm's `--`). */
  argv?: string[];
  /** The project folder (its package.json has the script). */
  cwd: string;
}

/** The "scripts" of `<cwd>/package.json`; a one-sentence ProfileOptionsError when there is none to read. */
export function readNpmScripts(cwd: string): Record<string, string> {
  const file = path.join(cwd, 'package.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ProfileOptionsError(`there is no package.json in ${cwd}`);
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    throw new ProfileOptionsError(`${file} is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const scripts = typeof pkg === 'object' && pkg !== null ? (pkg as { scripts?: unknown }).scripts : undefined;
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) return {};
  return Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * How to start npm without a shell: `[node, npm-cli.js]` (npm's own entry; on Windows `npm` is a .cmd file,
 * which only a shell can run), or the `npm` executable on PATH when it is not a JavaScript file.
 */
export function npmCommand(env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  const node = nodeExecutable(env);
  const viaNode = (cli: string): { command: string; args: string[] } => {
    if (!node) throw new ProfileOptionsError('node was not found on PATH (npm needs it to run the script)');
    return { command: node, args: [cli] };
  };
  const execPath = env.npm_execpath;
  if (execPath && /[\\/]npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) return viaNode(execPath);
  const onPath = findOnPath(process.platform === 'win32' ? 'npm.cmd' : 'npm', env);
  if (onPath) {
    if (process.platform === 'win32') {
      const cli = path.join(path.dirname(onPath), 'node_modules', 'npm', 'bin', 'npm-cli.js');
      if (fs.existsSync(cli)) return viaNode(cli);
    } else {
      const real = fs.realpathSync(onPath);
      return /\.(c|m)?js$/.test(real) ? viaNode(real) : { command: real, args: [] };
    }
  }
  if (node) {
    for (const cli of [
      path.join(path.dirname(node), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
      path.join(path.dirname(node), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    ]) {
      if (fs.existsSync(cli)) return viaNode(cli);
    }
  }
  throw new ProfileOptionsError('npm was not found on PATH (it runs the script)');
}

export async function profileNpmScript(o: ProfileNpmScriptOptions): Promise<ProcessTreeResult> {
  o.signal?.throwIfAborted();
  if (!o.cwd || !fs.existsSync(o.cwd) || !fs.statSync(o.cwd).isDirectory()) throw new ProfileOptionsError(`the project folder does not exist: ${o.cwd}`);
  const cwd = path.resolve(o.cwd);
  if (typeof o.name !== 'string' || o.name.trim() === '') throw new ProfileOptionsError('no npm script name was given');
  // npm would read a leading "-" as one of its own options, not as a script name.
  if (o.name.startsWith('-')) throw new ProfileOptionsError(`an npm script name cannot start with "-" (got "${o.name}")`);
  const scripts = readNpmScripts(cwd);
  if (!Object.prototype.hasOwnProperty.call(scripts, o.name)) {
    const names = Object.keys(scripts);
    throw new ProfileOptionsError(`package.json has no script named "${o.name}" (${names.length ? `scripts: ${names.join(', ')}` : 'it has no scripts'})`);
  }
  const argv = o.argv ?? [];
  if (!Array.isArray(argv) || argv.some((a) => typeof a !== 'string')) throw new ProfileOptionsError('argv must be an array of strings');
  const { intervalUs, preloadPath } = checkProcessRunOptions(o);
  const npm = npmCommand();
  return profileProcessTree({
    command: npm.command,
    args: [...npm.args, 'run', o.name, ...(argv.length > 0 ? ['--', ...argv] : [])],
    what: `npm run ${o.name}`,
    cwd,
    outFile: path.resolve(cwd, o.outFile),
    intervalUs,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
    preloadPath,
    keepOtherProfiles: o.keepOtherProfiles,
    keepPartialOnAbort: o.keepPartialOnAbort,
    // npm must not look for its own update over the network while the run is being timed.
    env: { npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });
}
