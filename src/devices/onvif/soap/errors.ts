/** Everything that goes wrong talking to an ONVIF device is an OnvifError with a stable code. */
export type OnvifErrorCode =
  /** No TCP connection, no answer, or an HTTP status that is not SOAP. */
  | 'E_ONVIF_UNREACHABLE'
  /** The device did not answer within the time allowed. */
  | 'E_ONVIF_TIMEOUT'
  /** The credentials were refused (SOAP NotAuthorized fault or HTTP 401/403 after the digest retry). */
  | 'E_ONVIF_AUTH'
  /** A SOAP fault other than authentication; `subcode` says which (ter:InvalidArgVal, ter:ActionNotSupported …). */
  | 'E_ONVIF_FAULT'
  /** The answer is not well-formed, too large, too deep, or lacks what the call returns. */
  | 'E_ONVIF_RESPONSE'
  /** The device does not offer the service the call needs (no PTZ, no events …). */
  | 'E_ONVIF_UNSUPPORTED';

export class OnvifError extends Error {
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    readonly subcode: string | null = null,
  ) {
    super(message);
    this.name = 'OnvifError';
  }
}
