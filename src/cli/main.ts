/**
 * The `perf-lens` command line: dispatches to one module per subcommand (src/cli/commands/), owns the
 * process streams and the exit code.
 */
import type { Command, CommandIo } from './command';
import { EXIT_ERROR, EXIT_OK, UsageError, reportError } from './errors';
import { PACKAGE_VERSION } from './package-info';
import { lintCommand } from './commands/lint';
import { hotspotsCommand } from './commands/hotspots';
import { diffCommand } from './commands/diff';
import { profileCommand } from './commands/profile';
import { benchCommand } from './commands/bench';

/** Every subcommand, in the order `perf-lens --help` lists them. */
export const COMMANDS: readonly Command[] = [lintCommand, profileCommand, hotspotsCommand, diffCommand, benchCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: perf-lens <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: perf-lens <command> --help)',
    '      --version  print the version',
    '',
    'Exit status: 0 success / no findings, 1 findings, 2 bad usage or an internal error.',
  ].join('\n');
}

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      io.stdout(`${mainHelp()}\n`);
      return first === undefined ? EXIT_ERROR : EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${PACKAGE_VERSION}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      throw new UsageError(
        `unknown command "${first}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see perf-lens --help)`,
      );
    }
    return await command.run(rest, io);
  } catch (e) {
    return reportError(e, io.stderr);
  }
}

function processIo(): CommandIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  };
}

/** The process entry: `node dist/cli.js ...` runs it directly, bin/perf-lens.js calls it. */
export function main(): void {
  // Output piped into `head` closes early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw e;
  });
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      // exitCode, not exit(): pending stdout writes to a pipe must be flushed first.
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportError(e);
    },
  );
}

if (require.main === module) main();
