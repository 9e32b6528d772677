/** "Perf Lens: Show Rule Documentation": opens the shipped docs/rules/<id>.md in the Markdown preview. */
import * as vscode from 'vscode';
import type { RuleId } from '../../core/lint/finding';
import { RULE_IDS } from '../../core/lint/settings';

/** `ruleId` comes from a code action or a command link; anything else gets a picker. */
export async function showRuleDocs(extensionUri: vscode.Uri, ruleId?: unknown): Promise<void> {
  let id = RULE_IDS.find((r) => r === ruleId);
  if (!id) {
    id = (await vscode.window.showQuickPick([...RULE_IDS], { placeHolder: 'Documentation for which Perf Lens rule?' })) as
      | RuleId
      | undefined;
    if (!id) return;
  }
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showErrorMessage(`Perf Lens: the documentation of ${id} is missing from this installation.`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // The built-in Markdown extension can be disabled: the source is still readable.
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
