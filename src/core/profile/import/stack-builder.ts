/**
 * Builds a `.cpuprofile`-shaped model from sampled stacks (root first), for the formats that record
 * stacks instead of a call tree (0x, clinic flame). Equal frames under the same parent share a node,
 * so the tree is what V8 itself would have written for the same samples. Frames are interned once
 * (`frameId`) and samples refer to them by number: a long 0x run has millions of frames.
 */
import type { CallFrame, CpuProfile, ProfileNode } from '../model';

const ROOT: CallFrame = { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };

const frameKey = (f: CallFrame) => `${f.url}\u0000${f.functionName}\u0000${f.lineNumber}\u0000${f.columnNumber}`;
/** Distinct frames per profile stay far below this; parent × FRAMES + frame is a safe integer key. */
const FRAMES = 2 ** 24;

export class StackProfileBuilder {
  private readonly nodes: ProfileNode[] = [{ id: 1, callFrame: ROOT, hitCount: 0, children: [] }];
  private readonly frames: CallFrame[] = [];
  private readonly frameIds = new Map<string, number>();
  /** Child of a node by frame: parentId × FRAMES + frameId → node. */
  private readonly childOf = new Map<number, ProfileNode>();
  private readonly scriptIds = new Map<string, string>();
  private readonly samples: number[] = [];
  private readonly timeDeltas: number[] = [];

  /** The number standing for `frame` in `addSample`; equal frames get the same number. */
  frameId(frame: CallFrame): number {
    const key = frameKey(frame);
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      if (id >= FRAMES) throw new RangeError('too many distinct frames');
      this.frames.push({ ...frame, scriptId: this.scriptIdOf(frame.url) });
      this.frameIds.set(key, id);
    }
    return id;
  }

  /** One sample: frame ids from the outermost frame to the one on the CPU, lasting `deltaUs` since the previous. */
  addSample(stack: readonly number[], deltaUs: number): void {
    let node = this.nodes[0];
    for (const frame of stack) {
      const key = node.id * FRAMES + frame;
      let child = this.childOf.get(key);
      if (!child) {
        child = { id: this.nodes.length + 1, callFrame: this.frames[frame], hitCount: 0, children: [] };
        this.nodes.push(child);
        this.childOf.set(key, child);
        node.children!.push(child.id);
      }
      node = child;
    }
    node.hitCount! += 1;
    this.samples.push(node.id);
    this.timeDeltas.push(deltaUs);
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  build(startTime: number, endTime: number): CpuProfile {
    return { nodes: this.nodes, startTime, endTime, samples: this.samples, timeDeltas: this.timeDeltas };
  }

  private scriptIdOf(url: string): string {
    if (url === '') return '0';
    let id = this.scriptIds.get(url);
    if (id === undefined) this.scriptIds.set(url, (id = String(this.scriptIds.size + 1)));
    return id;
  }
}
