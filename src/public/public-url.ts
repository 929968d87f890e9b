/**
 * Where a sign's QR points: <public base URL>/s/<CODE>. The base is config server.publicUrl when set
 * (the address people reach from outside); else the address the staff member's request came in on.
 */
export function publicBaseUrl(configured: string | undefined, request: { protocol: string; host: string }): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

export function signUrl(base: string, code: string): string {
  return `${base}/s/${code}`;
}
