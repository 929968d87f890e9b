/** REG-15-4: the ledger's tree is RFC 6962's: the reference vectors, and proofs for every size 1..64. */
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  memorySource,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/merkle.ts';

const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

// The Certificate Transparency reference leaves and tree heads (certificate-transparency-go, transparency-dev/merkle).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(unhex(h)));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const CT_CONSISTENCY = [
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 2, second: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

describe('REG-15-4 Merkle tree (RFC 6962 / 9162)', () => {
  const src = memorySource(CT_LEAVES);

  it('gives the reference tree heads for sizes 0..8', () => {
    expect(hex(rootOf(src, 0))).toBe(hex(EMPTY_ROOT));
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 8; n++) expect(hex(rootOf(src, n)), `size ${n}`).toBe(CT_ROOTS[n - 1]);
  });

  it('gives the reference inclusion proofs, and they verify', () => {
    for (const v of CT_INCLUSION) {
      expect(inclusionProof(src, v.index, v.size).map(hex)).toEqual(v.proof);
      expect(verifyInclusion(v.index, v.size, CT_LEAVES[v.index] as Buffer, v.proof.map(unhex), unhex(CT_ROOTS[v.size - 1] as string))).toBe(true);
    }
  });

  it('gives the reference consistency proofs, and they verify', () => {
    for (const v of CT_CONSISTENCY) {
      expect(consistencyProof(src, v.first, v.second).map(hex)).toEqual(v.proof);
      expect(verifyConsistency(v.first, v.second, unhex(CT_ROOTS[v.first - 1] as string), unhex(CT_ROOTS[v.second - 1] as string), v.proof.map(unhex))).toBe(true);
    }
  });

  const many = Array.from({ length: 64 }, (_, i) => leafHash(`leaf-${i}`));
  const big = memorySource(many);
  const roots = Array.from({ length: 65 }, (_, n) => rootOf(big, n));

  it('every inclusion proof verifies for all sizes 1..64, and a changed proof, leaf or root does not', () => {
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(big, i, n);
        expect(verifyInclusion(i, n, many[i] as Buffer, proof, roots[n] as Buffer), `${i}/${n}`).toBe(true);
        expect(verifyInclusion(i, n, many[(i + 1) % 64] as Buffer, proof, roots[n] as Buffer)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((p) => Buffer.from(p));
          bent[0] = Buffer.from((bent[0] as Buffer).map((b, j) => (j === 0 ? b ^ 1 : b)));
          expect(verifyInclusion(i, n, many[i] as Buffer, bent, roots[n] as Buffer)).toBe(false);
          expect(verifyInclusion(i, n, many[i] as Buffer, proof.slice(1), roots[n] as Buffer)).toBe(false);
        }
        expect(verifyInclusion(i, n, many[i] as Buffer, [...proof, Buffer.alloc(32)], roots[n] as Buffer)).toBe(false);
      }
    }
  });

  it('every consistency proof verifies for all sizes 1 ≤ m ≤ n ≤ 64, and a changed one does not', () => {
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(big, m, n);
        expect(verifyConsistency(m, n, roots[m] as Buffer, roots[n] as Buffer, proof), `${m}->${n}`).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, roots[m === 1 ? 2 : m - 1] as Buffer, roots[n] as Buffer, proof)).toBe(false);
          const bent = proof.map((p) => Buffer.from(p));
          bent[bent.length - 1] = Buffer.from((bent[bent.length - 1] as Buffer).map((b, j) => (j === 5 ? b ^ 1 : b)));
          expect(verifyConsistency(m, n, roots[m] as Buffer, roots[n] as Buffer, bent)).toBe(false);
        }
      }
    }
  });
});
