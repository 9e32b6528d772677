/**
 * How a command tells the user what happened: one sentence in a notification, also returned so the
 * command resolves to it (tests read it). And the Workspace Trust refusal every command that runs
 * workspace code starts with.
 */
import * as vscode from 'vscode';
import { trustGate } from './trust';

export function say(message: string, kind: 'info' | 'error' = 'info'): string {
  void (kind === 'error' ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
  return message;
}

/** Undefined in a trusted workspace; else the sentence shown, with the Manage Workspace Trust button. */
export function refuseUntrusted(what: string): string | undefined {
  const gate = trustGate(vscode.workspace.isTrusted, what);
  if (gate.allowed) return undefined;
  void vscode.window.showWarningMessage(gate.message, gate.action).then((choice) => {
    if (choice === gate.action) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return gate.message;
}
