/**
 * An export bundle (one tar file): manifest.json, manifest.sig (Ed25519 over the manifest's exact
 * bytes), public-key.pem, clips/<camera>.mp4 (remuxed from the originals, no re-encoding) and
 * segments/<camera>/<seq>.mp4 (the original files).
 */
export const BUNDLE_FORMAT = 'custos-export-bundle/v1';
export const MANIFEST = 'manifest.json';
export const MANIFEST_SIG = 'manifest.sig';
export const PUBLIC_KEY = 'public-key.pem';

export interface BundleSegment {
  id: string;
  seq: number;
  path: string;
  startAt: string;
  endAt: string;
  bytes: number;
  codec: string;
  frames: number;
  sha256: string;
  prevChainHash: string;
  chainHash: string;
  /** The segment's leaf in the ledger and its inclusion proof up to the checkpoint. */
  leafIndex: number;
  proof: string[];
}

/** A segment deleted inside the exported stretch (e.g. by an order): its tombstone keeps the chain whole. */
export interface BundleTombstone {
  id: string;
  segmentId: string;
  segmentSeq: number;
  startAt: string;
  endAt: string;
  sha256: string;
  prevChainHash: string;
  chainHash: string;
  policy: string;
  orderRef: string | null;
  deletedAt: string;
  leafIndex: number;
  proof: string[];
}

export interface BundleCamera {
  cameraId: string;
  clip: { path: string; sha256: string; bytes: number };
  segments: BundleSegment[];
  tombstones: BundleTombstone[];
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  exportId: string;
  createdAt: string;
  range: { from: string; to: string };
  /** The clip covers whole segments: the first that ends after `from` to the last that starts before `to`. */
  coverage: string;
  exporter: { userId: string; name: string; unit: string; clientAddress: string };
  approver: { userId: string; name: string } | null;
  reason: { category: string; text: string };
  basis: { type: string; ref: string } | null;
  exportRequestId: string | null;
  cameras: BundleCamera[];
  checkpoint: { seq: number; treeSize: number; rootHash: string; at: string; keyId: string; signature: string };
  publicKey: { algorithm: 'Ed25519'; keyId: string; pem: string };
}

export const clipPath = (cameraId: string): string => `clips/${cameraId}.mp4`;
export const segmentPath = (cameraId: string, seq: number): string => `segments/${cameraId}/${String(seq).padStart(9, '0')}.mp4`;
