/** The recording store: segments on disk, their index, the per-camera hash chain, recovery and verification. */
export { fragmentLayout, scanBoxes } from './box-scan.ts';
export { chainHash, genesisHash } from './chain.ts';
export { closeOpenGaps, listGaps, recordGap, type GapInput } from './gap-repository.ts';
export { LocalSegmentStore, segmentsRoot } from './local-segment-store.ts';
export { GAP_REASONS, type FinishedSegment, type GapReason, type RecordingGap, type SegmentRow, type TimeRange } from './model.ts';
export { recoverPartials, type RecoveryOptions, type RecoveryReport } from './recover.ts';
export { isDiskFull, nodeSegmentFs, type SegmentFile, type SegmentFs } from './segment-fs.ts';
export { checkCameraId, segmentRelPath, type SegmentKey } from './segment-paths.ts';
export { chainHead, indexSegment, latestSegment, latestSegments, listRecording, listSegments } from './segment-repository.ts';
export type { SegmentSink, SegmentStore, StoredSegment } from './segment-store.ts';
export { SegmentWriter, type FragmentMeta, type RecordingAlarm, type SegmentWriterOptions, type WriterState } from './segment-writer.ts';
export { verifyChain, type ChainProblem, type ChainProblemKind, type VerifyProgress, type VerifyResult } from './verify.ts';
