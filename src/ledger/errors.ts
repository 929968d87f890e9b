/** Domain errors of the ledger and of export bundles. */
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';

export function proofRangeInvalid(detail: Record<string, unknown>): InvalidError {
  return new InvalidError('E_LEDGER_PROOF_RANGE', {
    message: { zh: '证明参数无效:叶序号须小于树大小,树大小不得超过账本当前大小', en: 'Invalid proof request: the leaf must lie inside the tree, and the tree inside the ledger' },
    details: detail,
  });
}

export function checkpointNotFound(seq: number): NotFoundError {
  return new NotFoundError('E_LEDGER_CHECKPOINT_NOT_FOUND', { message: { zh: `账本检查点不存在:${seq}`, en: `No ledger checkpoint ${seq}` }, details: { seq } });
}

export function ledgerKeyUnreadable(file: string, detail: string): ConflictError {
  return new ConflictError('E_LEDGER_KEY_UNREADABLE', {
    article: '15',
    message: { zh: `账本签名密钥无法读取:${file}`, en: `The ledger signing key cannot be read: ${file}` },
    details: { file, detail },
  });
}

export function nothingToExport(cameraId: string, from: string, to: string): NotFoundError {
  return new NotFoundError('E_EXPORT_NO_SEGMENTS', {
    message: { zh: '该时间范围内没有录像片段可导出', en: 'There are no recorded segments in this range to export' },
    details: { cameraId, from, to },
  });
}

export function segmentNotInLedger(segmentId: string): ConflictError {
  return new ConflictError('E_LEDGER_SEGMENT_NOT_LOGGED', {
    article: '15',
    message: { zh: `录像片段尚未记入账本:${segmentId}`, en: `Segment ${segmentId} is not in the ledger yet` },
    details: { segmentId },
  });
}

export function remuxFailed(detail: string): ConflictError {
  return new ConflictError('E_EXPORT_REMUX_FAILED', {
    message: { zh: '由原始片段封装 MP4 失败(ffmpeg)', en: 'Remuxing the original segments into one MP4 failed (ffmpeg)' },
    details: { detail: detail.slice(0, 2000) },
  });
}

export function exporterNotFound(username: string): NotFoundError {
  return new NotFoundError('E_EXPORT_USER_NOT_FOUND', {
    message: { zh: `--as 指定的用户不存在或已停用:${username}`, en: `The --as user does not exist or is inactive: ${username}` },
    details: { username },
  });
}

export const ROTATE_KEY_COMMAND = "custos ledger rotate-key --reason '…'";

export function ledgerKeyMissing(file: string, checkpoints: number): ConflictError {
  return new ConflictError('E_LEDGER_KEY_MISSING', {
    article: '15',
    message: {
      zh: `账本签名密钥缺失(${file}),而数据库中已有 ${checkpoints} 个已签名检查点;不会自动生成新密钥。恢复密钥文件,或执行 ${ROTATE_KEY_COMMAND} 记录密钥轮换`,
      en: `The ledger signing key is missing (${file}) but the database holds ${checkpoints} signed checkpoints; no new key is made silently. Restore the key file, or record a rotation with ${ROTATE_KEY_COMMAND}`,
    },
    details: { file, checkpoints, command: ROTATE_KEY_COMMAND },
  });
}

export function anchorUnreadable(file: string, detail: string): InvalidError {
  return new InvalidError('E_LEDGER_ANCHOR_UNREADABLE', {
    article: '15',
    message: { zh: `检查点锚定文件无法读取:${file}`, en: `The checkpoint anchor file cannot be read: ${file}` },
    details: { file, detail },
  });
}

export function publicKeyUnreadable(file: string, detail: string): InvalidError {
  return new InvalidError('E_LEDGER_PUBLIC_KEY_UNREADABLE', {
    message: { zh: `公钥文件无法读取(应为 PEM 或 /api/ledger/public-key 的 JSON):${file}`, en: `The public key file cannot be read (PEM, or the JSON of /api/ledger/public-key): ${file}` },
    details: { file, detail },
  });
}

export function rotationReasonRequired(): InvalidError {
  return new InvalidError('E_LEDGER_ROTATION_REASON', {
    message: { zh: '密钥轮换须说明理由(--reason,至少 4 个字符)', en: 'A key rotation needs a reason (--reason, at least 4 characters)' },
  });
}
