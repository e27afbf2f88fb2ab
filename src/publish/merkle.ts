import { createHash } from 'node:crypto';

/**
 * A Merkle tree hash over a sequence of leaves as RFC 6962 (Certificate Transparency) defines
 * it: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), the tree split at the
 * largest power of two below its size; the empty tree hashes to SHA-256 of nothing. Leaves are
 * added one at a time and only one hash per level is kept, so memory is O(log n).
 */
export class MerkleTree {
  /** Roots of complete subtrees, largest first; sizes are distinct powers of two. */
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private count = 0;

  add(leaf: string | Uint8Array): void {
    let entry = { hash: leafHash(leaf), size: 1 };
    // Two complete subtrees of equal size make one of twice the size.
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === entry.size) {
      const left = this.stack.pop()!;
      entry = { hash: nodeHash(left.hash, entry.hash), size: left.size * 2 };
    }
    this.stack.push(entry);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** The tree hash of the leaves so far (hex); the tree may grow after. */
  root(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    // The right edge of an unbalanced tree joins its complete subtrees from the right.
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash.toString('hex');
  }
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(leaf: string | Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The leaf of one SSOT record version a release was built from. */
export const versionLeaf = (recordId: string, version: number, contentHash: string): string => `${recordId}\u0000${version}\u0000${contentHash}`;

/** The root over record versions, sorted by record id whatever order they come in (for tests and audits). */
export function versionsRoot(versions: Iterable<{ readonly recordId: string; readonly version: number; readonly contentHash: string }>): string {
  const tree = new MerkleTree();
  for (const v of [...versions].sort((a, b) => compareIds(a.recordId, b.recordId))) tree.add(versionLeaf(v.recordId, v.version, v.contentHash));
  return tree.root();
}

/** UTF-16 code unit → an order key that sorts as the code point (and so UTF-8 bytes, DynamoDB's order) would. */
const unitKey = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

/**
 * Record ids in the order DynamoDB returns them (UTF-8 byte order), which JavaScript's `<`
 * differs from only for characters above U+FFFF against U+E000..U+FFFF.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitKey(x) - unitKey(y);
  }
  return a.length - b.length;
}
