/**
 * The Hot Spots `show` message as the HTML report embeds it: the flame graph packed (flame-pack.ts),
 * the rest as is. The page (webview/hotspots/main.ts) unpacks it before showing, through
 * webview/shared/vscode-api.ts's `decodeEmbedded`.
 */
import type { FlameData } from '../profile/flame';
import type { HotspotReport } from '../profile/hotspots';
import { type PackedFlame, packFlame, unpackFlame } from './flame-pack';

/**
 * The Hot Spots page's data (src/protocol/hotspots.ts's `show` message). Declared here because the report
 * embeds it, and core never imports src/protocol (protocol depends on core, not the reverse).
 */
export interface ShowMessage {
  type: 'show';
  /** Every function (not only the user's): the webview's "my code only" box filters. */
  report: HotspotReport;
  flame: FlameData;
  /** e.g. "report — scratch/hot.js". */
  title: string;
  /** The run stopped early (cancelled, or the target threw): the profile covers part of it. */
  partial: boolean;
}
export type EmbeddedShow = Omit<ShowMessage, 'flame'> & { flame: PackedFlame; flameEncoding: 'packed-1' };

export function packShow(message: ShowMessage): EmbeddedShow {
  return { ...message, flame: packFlame(message.flame), flameEncoding: 'packed-1' };
}

/** An embedded message as the page's handler expects it: a packed `show` unpacked, anything else unchanged. */
export function unpackEmbedded(message: unknown): unknown {
  const m = message as Partial<EmbeddedShow> | null;
  if (typeof m !== 'object' || m === null || m.type !== 'show' || m.flameEncoding !== 'packed-1' || !m.flame) return message;
  const { flameEncoding: _encoding, flame, ...rest } = m as EmbeddedShow;
  return { ...rest, flame: unpackFlame(flame) } satisfies ShowMessage;
}
