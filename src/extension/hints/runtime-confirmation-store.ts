/**
 * *Pure*: the runtime confirmations of the last Profile Function, per file, kept while the file's text is
 * the text that was checked (a SHA-256 of it). The hint controller asks it for the note to append to a
 * finding's diagnostic; an edit of the file, or the next profile, drops that file's notes.
 */
import { createHash } from 'node:crypto';
import { confirmationSuffix, type RuntimeConfirmation } from '../../core/profile/runtime-confirmation';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface FileEntry {
  hash: string;
  /** Confirmed findings by `ruleId:line:column`. */
  notes: Map<string, string>;
}

export class RuntimeConfirmationStore {
  private readonly files = new Map<string, FileEntry>();

  /**
   * Replaces everything with one profile's confirmations. `textOf(file)` is the file's text as it was
   * checked; files whose text cannot be read are left out.
   */
  replace(confirmations: readonly RuntimeConfirmation[], textOf: (file: string) => string | undefined): string[] {
    this.files.clear();
    for (const c of confirmations) {
      if (!c.confirmed) continue;
      let entry = this.files.get(c.file);
      if (!entry) {
        const text = textOf(c.file);
        if (text === undefined) continue;
        entry = { hash: sha256(text), notes: new Map() };
        this.files.set(c.file, entry);
      }
      entry.notes.set(`${c.ruleId}:${c.line}:${c.column}`, confirmationSuffix(c));
    }
    return [...this.files.keys()];
  }

  /**
   * The note for a finding of `file` whose current text is `text`, if it was confirmed. A text that is no
   * longer the checked one forgets the file's notes for good (an undo does not bring them back).
   */
  noteFor(file: string, text: string, finding: { ruleId: string; line: number; column: number }): string | undefined {
    const entry = this.files.get(file);
    if (!entry) return undefined;
    if (sha256(text) !== entry.hash) {
      this.files.delete(file);
      return undefined;
    }
    return entry.notes.get(`${finding.ruleId}:${finding.line}:${finding.column}`);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }
}
