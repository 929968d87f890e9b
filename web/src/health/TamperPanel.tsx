/** The camera's tamper detection: sensitivity, reference, re-learn and its history (filled in by the tamper work). */
export function TamperPanel(_props: { cameraId: string }) {
  return null;
}
