/**
 * Builds a `.cpuprofile`-shaped model from sampled stacks (root first), for the formats that record
 * stacks instead of a call tree (0x, clinic flame). Equal frames under the same parent share a node,
 * so the tree is what V8 itself would have written for the same samples.
 */
import type { CallFrame, CpuProfile, ProfileNode } from '../model';

const ROOT: CallFrame = { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };

const frameKey = (f: CallFrame) => `${f.url}\u0000${f.functionName}\u0000${f.lineNumber}\u0000${f.columnNumber}`;

export class StackProfileBuilder {
  private readonly nodes: ProfileNode[] = [{ id: 1, callFrame: ROOT, hitCount: 0, children: [] }];
  /** Child of a node by frame: `${parentId}\u0001${frameKey}` → node. */
  private readonly childOf = new Map<string, ProfileNode>();
  private readonly scriptIds = new Map<string, string>();
  private readonly samples: number[] = [];
  private readonly timeDeltas: number[] = [];

  /** One sample: `stack` from the outermost frame to the one on the CPU, lasting `deltaUs` since the previous. */
  addSample(stack: readonly CallFrame[], deltaUs: number): void {
    let node = this.nodes[0];
    for (const frame of stack) {
      const key = `${node.id}\u0001${frameKey(frame)}`;
      let child = this.childOf.get(key);
      if (!child) {
        child = { id: this.nodes.length + 1, callFrame: { ...frame, scriptId: this.scriptIdOf(frame.url) }, hitCount: 0, children: [] };
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
