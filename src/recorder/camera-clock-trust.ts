/**
 * Whether a camera's own clock (its RTCP sender reports) may stamp its footage. A clock further from
 * ours than the tolerance does not: the recorder uses arrival time, kept monotonic by RTP time, instead
 * (the CLOCK_DRIFT alarm, at its own threshold, says why). The first report of a stream decides at once;
 * after that a change needs two reports in a row, because one report read late (a busy event loop, a
 * slow network) makes a right clock look behind by the delay.
 */

/** How far a camera's clock may be from ours and still stamp its footage (ms). */
export const CAMERA_CLOCK_TOLERANCE_MS = 2000;

export class CameraClockTrust {
  private verdict: boolean | undefined;
  private pending: boolean | undefined;

  constructor(private readonly toleranceMs = CAMERA_CLOCK_TOLERANCE_MS) {}

  /** True once a report put the camera's clock within tolerance (and no two since outside it). */
  get trusted(): boolean {
    return this.verdict === true;
  }

  /** A new stream: nothing is known of its clock until its first report. */
  reset(): void {
    this.verdict = undefined;
    this.pending = undefined;
  }

  /** A sender report: the camera's clock minus ours when it arrived (ms). */
  report(driftMs: number): void {
    const within = Math.abs(driftMs) <= this.toleranceMs;
    if (this.verdict === undefined || within === this.verdict) {
      this.verdict = within;
      this.pending = undefined;
    } else if (this.pending === within) {
      this.verdict = within;
      this.pending = undefined;
    } else this.pending = within;
  }
}
