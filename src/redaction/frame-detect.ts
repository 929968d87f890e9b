/**
 * The detectors on one RGB frame: plates and text lines on the full frame (they need every pixel:
 * a plate is 45 px wide at 720p, a sign's characters 14 px tall), faces on a frame scaled by
 * `faceScale` (face-api pads to a square and resizes to 512×512 before SSD, so a 1280×720 frame and
 * its half give the network the same pixels; the half costs less to convert and pad), boxes scaled
 * back. A text line on a plate (its characters) is the plate's, not a second TEXT box.
 */
import type { DetectWorkerSettings, FrameDetections } from './detect-protocol.ts';
import { createFaceDetector, type FaceDetector } from './face-detector.ts';
import { detectPlates } from './plate-detector.ts';
import { notOnPlates } from './plate-text.ts';
import { detectText } from './text-detector.ts';

export interface FrameDetector {
  detect(rgb: Uint8Array, width: number, height: number, withFaces?: boolean): Promise<FrameDetections>;
  info: Record<string, unknown>;
}

export async function createFrameDetector(settings: DetectWorkerSettings): Promise<FrameDetector> {
  const faces: FaceDetector = await createFaceDetector({ minConfidence: settings.faceMinConfidence });
  return {
    info: {
      face: { ...faces.info, scale: settings.faceScale },
      plate: { method: 'colour mask + connected cells + character edges (TypeScript)', minWidthPx: settings.plateMinWidth },
      text: { method: 'stroke edges + run-length smearing + connected blocks + ink-on-panel line checks (TypeScript)', minCharPx: settings.textMinCharPx, orientations: ['HORIZONTAL', 'VERTICAL'], notOnPlates: true },
    },
    async detect(rgb, width, height, withFaces = true) {
      const plates = detectPlates(rgb, width, height, { minWidth: settings.plateMinWidth });
      const texts = notOnPlates(detectText(rgb, width, height, { minCharPx: settings.textMinCharPx }), plates);
      if (!withFaces) return { plates, texts, faces: [] };
      const f = settings.faceScale;
      if (f >= 1) return { plates, texts, faces: await faces.detect(rgb, width, height) };
      const small = downscale(rgb, width, height, f);
      const found = await faces.detect(small.rgb, small.width, small.height);
      const sx = width / small.width;
      const sy = height / small.height;
      return { plates, texts, faces: found.map((d) => ({ x: d.x * sx, y: d.y * sy, w: d.w * sx, h: d.h * sy, score: d.score })) };
    },
  };
}

/** Area-average downscale of an RGB frame (integer step when the scale is 1/k, nearest box otherwise). */
export function downscale(rgb: Uint8Array, width: number, height: number, scale: number): { rgb: Uint8Array; width: number; height: number } {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor((y * height) / h);
    const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor((x * width) / w);
      const sx1 = Math.max(sx0 + 1, Math.floor(((x + 1) * width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = sy0; yy < sy1; yy++) {
        let i = (yy * width + sx0) * 3;
        for (let xx = sx0; xx < sx1; xx++, i += 3) {
          r += rgb[i] as number;
          g += rgb[i + 1] as number;
          b += rgb[i + 2] as number;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (y * w + x) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return { rgb: out, width: w, height: h };
}
