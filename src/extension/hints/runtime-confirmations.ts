/**
 * After Profile Function: the profiled module's n-plus-one findings are checked at runtime (the runner's
 * confirmFindingsAtRuntime: a fresh run under V8's block coverage) and the confirmed ones handed to the
 * hint controller, which appends "— confirmed at runtime: 10,000 calls in 1 run of packingSlip" to their
 * diagnostics. profile-function-command.ts makes one call here; the controller registers itself as the sink.
 */
import * as fs from 'node:fs';
import type * as vscode from 'vscode';
import type { Engine } from '../shared/engine-loader';
import type { RuntimeConfirmation } from '../../core/profile/runtime-confirmation';

export interface RuntimeConfirmationSink {
  setRuntimeConfirmations(confirmations: readonly RuntimeConfirmation[], textOf: (file: string) => string | undefined): void;
}

let sink: RuntimeConfirmationSink | undefined;

/** The hint controller registers here when it starts (one per activation). */
export function setRuntimeConfirmationSink(s: RuntimeConfirmationSink | undefined): void {
  sink = s;
}

export interface ConfirmAfterProfileOptions {
  module: string;
  exportName: string;
  argsExpression: string;
  cwd: string;
  run: { calls: number; profiledMs: number; partial: boolean };
}

/**
 * Runs the check in the background (the profile summary is not held up) and hands its result over.
 * Resolves to the confirmations (tests read them); never rejects: a failure is logged.
 */
export async function confirmAfterProfile(engine: Engine, o: ConfirmAfterProfileOptions, log: vscode.LogOutputChannel): Promise<RuntimeConfirmation[]> {
  if (o.run.partial) return [];
  try {
    const report = await engine.hints.confirmFindingsAtRuntime({
      module: o.module,
      exportName: o.exportName,
      args: [],
      argsExpression: o.argsExpression,
      cwd: o.cwd,
      calls: o.run.calls,
      profiledMs: o.run.profiledMs,
    });
    if (report.note) log.info(`runtime check of n-plus-one findings: ${report.note}`);
    for (const f of report.findings) log.info(`${f.file}:${f.line}:${f.column} ${f.ruleId}: ${f.confirmation}`);
    const text = readText(o.module);
    // The texts that were checked: the module as it was read for the check.
    sink?.setRuntimeConfirmations(report.findings, (file) => (file === o.module ? text : readText(file)));
    return report.findings;
  } catch (e) {
    log.warn(`the runtime check of n-plus-one findings failed: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
