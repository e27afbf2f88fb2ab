import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareIds, MerkleTree, versionLeaf, versionsRoot } from '../../../src/publish/merkle.js';

// The Certificate Transparency test leaves and their tree roots (RFC 6962 hashing).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** RFC 6962 section 2.1 read literally: recursive, the whole list in memory. */
function referenceRoot(leaves: readonly Buffer[]): Buffer {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('Merkle root of record versions', () => {
  it('the empty tree is the hash of nothing', () => {
    expect(new MerkleTree().root()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches the Certificate Transparency vectors for 1 to 8 leaves', () => {
    const tree = new MerkleTree();
    LEAVES.forEach((leaf, i) => {
      tree.add(leaf);
      expect(tree.root(), `${i + 1} leaves`).toBe(ROOTS[i]);
    });
  });

  it('agrees with the recursive definition for every size up to 70', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => Buffer.from(`leaf-${i}`));
    const tree = new MerkleTree();
    for (let n = 1; n <= leaves.length; n++) {
      tree.add(leaves[n - 1]!);
      expect(tree.root()).toBe(referenceRoot(leaves.slice(0, n)).toString('hex'));
    }
  });

  const versions = [
    { recordId: 'b', version: 2, contentHash: 'h2' },
    { recordId: 'a', version: 1, contentHash: 'h1' },
    { recordId: 'c', version: 7, contentHash: 'h3' },
  ];

  it('does not depend on the order the versions come in: they are sorted by record id', () => {
    expect(versionsRoot(versions)).toBe(versionsRoot([...versions].reverse()));
    const sorted = [...versions].sort((x, y) => compareIds(x.recordId, y.recordId));
    expect(versionsRoot(versions)).toBe(referenceRoot(sorted.map((v) => Buffer.from(versionLeaf(v.recordId, v.version, v.contentHash)))).toString('hex'));
  });

  it('changes when one version or one content hash changes', () => {
    const root = versionsRoot(versions);
    expect(versionsRoot(versions.map((v) => (v.recordId === 'c' ? { ...v, version: 8 } : v)))).not.toBe(root);
    expect(versionsRoot(versions.map((v) => (v.recordId === 'a' ? { ...v, contentHash: 'hx' } : v)))).not.toBe(root);
  });

  it('orders ids as UTF-8 bytes, as DynamoDB does', () => {
    expect(compareIds('a', 'b')).toBeLessThan(0);
    expect(compareIds('ab', 'a')).toBeGreaterThan(0);
    // U+FF01 sorts below U+1F600 in UTF-8, though its UTF-16 unit is above the surrogate.
    expect(compareIds('\uFF01', '\u{1F600}')).toBeLessThan(0);
    expect(Buffer.compare(Buffer.from('\uFF01'), Buffer.from('\u{1F600}'))).toBeLessThan(0);
  });
});
