/**
 * What a command that runs workspace code says about Workspace Trust. Pure, so the wording is tested;
 * the command asks `vscode.workspace.isTrusted` and shows the result.
 */

export const MANAGE_TRUST = 'Manage Workspace Trust';

export type TrustGate = { allowed: true } | { allowed: false; message: string; action: typeof MANAGE_TRUST };

/** `what` names the action in a sentence: "Profiling a function". */
export function trustGate(isTrusted: boolean, what: string): TrustGate {
  if (isTrusted) return { allowed: true };
  return {
    allowed: false,
    message: `Perf Lens: ${what} runs code from this workspace, so it needs a trusted workspace. Nothing was run.`,
    action: MANAGE_TRUST,
  };
}
