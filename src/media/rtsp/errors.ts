/**
 * Why an RTSP session failed. Not a DomainError: a camera that times out is not a bad API input;
 * the supervisor records `code` and `message` as the camera's error reason.
 */
export type RtspErrorCode =
  | 'E_RTSP_TIMEOUT'
  | 'E_RTSP_NETWORK'
  | 'E_RTSP_STATUS'
  | 'E_RTSP_AUTH'
  | 'E_RTSP_NO_TRACK'
  | 'E_RTSP_TRANSPORT'
  | 'E_RTSP_PROTOCOL'
  | 'E_RTSP_STALLED'
  | 'E_RTSP_REDIRECT';

export class RtspError extends Error {
  constructor(
    readonly code: RtspErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RtspError';
  }
}

/** A short reason for any failure, for status displays and `closed` events. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
