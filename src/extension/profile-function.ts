/**
 * "Perf Lens: Profile Function". Profiling runs the workspace's code, so the command checks Workspace
 * Trust before anything else. The profiler itself is a later capability: in a trusted workspace the
 * command says so and runs nothing.
 */
import * as vscode from 'vscode';
import { trustGate } from './trust';

export async function profileFunction(): Promise<string> {
  const gate = trustGate(vscode.workspace.isTrusted, 'profiling a function');
  if (!gate.allowed) {
    void vscode.window.showWarningMessage(gate.message, gate.action).then((choice) => {
      if (choice === gate.action) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return gate.message;
  }
  const message = 'Perf Lens: profiling a function arrives in a later version of Perf Lens; nothing was run.';
  void vscode.window.showInformationMessage(message);
  return message;
}
