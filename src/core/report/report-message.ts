/**
 * The Hot Spots `show` message as the HTML report embeds it: the flame graph packed (flame-pack.ts),
 * the rest as is. The page (webview/hotspots/main.ts) unpacks it before showing, through
 * webview/shared/vscode-api.ts's `decodeEmbedded`.
 */
import type { ToWebview } from '../../protocol/hotspots';
import { type PackedFlame, packFlame, unpackFlame } from './flame-pack';

export type ShowMessage = Extract<ToWebview, { type: 'show' }>;
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
