/** What a subcommand module exports; main.ts dispatches on `name`. */
export interface Command {
  name: string;
  /** One line for `perf-lens --help`. */
  summary: string;
  /** The full `perf-lens <name> --help` text. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the exit code. Throws UsageError. */
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}

/** Where a command writes; tests and the main entry pass the process streams. */
export interface CommandIo {
  cwd: string;
  stdout(text: string): void;
  stderr(line: string): void;
}
