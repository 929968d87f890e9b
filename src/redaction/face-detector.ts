/**
 * Faces: face-api's SSD-MobileNetV1 on TensorFlow.js's WebAssembly backend, weights read from the
 * package on disk (nothing downloaded). One instance per thread: the WASM backend runs one thread.
 *
 * `face-api.node-wasm.js` asks for the `@tensorflow/tfjs` umbrella package, which is not installed
 * (only tfjs-core and the WASM backend are): the request is answered with tfjs-core, and the tensor
 * methods the umbrella package would have added (`t.as3D()`, `t.sub()`…) are added here.
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import type { Box } from './track-math.ts';

const require = createRequire(import.meta.url);

export interface FaceDetection extends Box {
  score: number;
}

export interface FaceDetectorOptions {
  /** SSD's minimum confidence; low, because a missed face is worse than an extra box. */
  minConfidence?: number;
  /** Each side of the detected box grows by this share of its size (SSD's boxes are tight). */
  grow?: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument */
type Tf = any;
type FaceApi = any;

let loaded: Promise<{ tf: Tf; faceapi: FaceApi }> | undefined;

const CHAINED = (
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh batchToSpaceND batchNorm broadcastTo cast ceil clipByValue conv1d conv2d cos cosh ' +
  'cumprod cumsum depthToSpace div divNoNan dot elu equal erf euclideanNorm exp expandDims expm1 fft floor floorDiv gather greater greaterEqual ifft irfft ' +
  'isFinite isInf isNaN leakyRelu less lessEqual log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr logicalXor matMul max maximum ' +
  'mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod reciprocal relu relu6 reshape reverse rfft round rsqrt selu ' +
  'sigmoid sign sin sinh slice softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze step stridedSlice sub sum tan tanh tile topk ' +
  'transpose unique unstack zerosLike avgPool conv2dTranspose depthwiseConv2d dilation2d localResponseNormalization maxPool separableConv2d unsortedSegmentSum'
).split(' ');

function registerChainedOps(tf: Tf): void {
  const P = tf.Tensor.prototype;
  for (const n of CHAINED) {
    if (typeof tf[n] === 'function' && !P[n]) {
      P[n] = function (this: unknown, ...a: unknown[]) {
        return tf[n](this, ...a);
      };
    }
  }
  const reshape = (t: unknown, shape: number[]) => tf.reshape(t, shape);
  P.as1D ??= function (this: any) {
    return reshape(this, [this.size]);
  };
  P.as2D ??= function (this: any, a: number, b: number) {
    return reshape(this, [a, b]);
  };
  P.as3D ??= function (this: any, a: number, b: number, c: number) {
    return reshape(this, [a, b, c]);
  };
  P.as4D ??= function (this: any, a: number, b: number, c: number, d: number) {
    return reshape(this, [a, b, c, d]);
  };
  P.as5D ??= function (this: any, a: number, b: number, c: number, d: number, e: number) {
    return reshape(this, [a, b, c, d, e]);
  };
  P.asScalar ??= function (this: any) {
    return reshape(this, []);
  };
  P.flatten ??= function (this: any) {
    return reshape(this, [this.size]);
  };
  P.reshapeAs ??= function (this: any, x: any) {
    return reshape(this, x.shape);
  };
  P.asType ??= function (this: any, d: string) {
    return tf.cast(this, d);
  };
  P.toFloat ??= function (this: any) {
    return tf.cast(this, 'float32');
  };
  P.toInt ??= function (this: any) {
    return tf.cast(this, 'int32');
  };
  P.toBool ??= function (this: any) {
    return tf.cast(this, 'bool');
  };
  P.concat ??= function (this: any, x: any, axis?: number) {
    return tf.concat(x instanceof tf.Tensor ? [this, x] : [this, ...x], axis);
  };
  P.stack ??= function (this: any, x: any, axis?: number) {
    return tf.stack(x instanceof tf.Tensor ? [this, x] : [this, ...x], axis);
  };
  P.where ??= function (this: any, c: any, x: any) {
    return tf.where(c, this, x);
  };
  P.resizeBilinear ??= function (this: any, ...a: any[]) {
    return tf.image.resizeBilinear(this, ...a);
  };
  P.resizeNearestNeighbor ??= function (this: any, ...a: any[]) {
    return tf.image.resizeNearestNeighbor(this, ...a);
  };
}

/** The face-api package's folder (its model/ holds the weights). */
export function faceApiDir(): string {
  return path.dirname(require.resolve('@vladmandic/face-api/package.json'));
}

async function load(): Promise<{ tf: Tf; faceapi: FaceApi }> {
  const tf: Tf = require('@tensorflow/tfjs-core');
  registerChainedOps(tf);
  const wasm: Tf = require('@tensorflow/tfjs-backend-wasm');
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return original.call(this, request === '@tensorflow/tfjs' ? '@tensorflow/tfjs-core' : request, ...rest);
  };
  let faceapi: FaceApi;
  try {
    faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  } finally {
    M._resolveFilename = original;
  }
  const wasmDist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  wasm.setWasmPaths(wasmDist);
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(path.join(faceApiDir(), 'model'));
  return { tf, faceapi };
}

export interface FaceDetector {
  detect(rgb: Uint8Array, width: number, height: number): Promise<FaceDetection[]>;
  readonly info: Record<string, unknown>;
}

export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  loaded ??= load();
  const { tf, faceapi } = await loaded;
  const minConfidence = options.minConfidence ?? 0.3;
  const grow = options.grow ?? 0.1;
  const ssd = new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 100 });
  return {
    info: { model: 'face-api SSD-MobileNetV1', faceApi: String(faceapi.version), tfjs: String(tf.version_core), backend: String(tf.getBackend()), minConfidence, grow },
    async detect(rgb, width, height) {
      const input = tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const found: any[] = await faceapi.detectAllFaces(input, ssd);
        return found.map((f) => {
          const b = f.box as { x: number; y: number; width: number; height: number };
          const x0 = Math.max(0, b.x - b.width * grow);
          const y0 = Math.max(0, b.y - b.height * grow);
          const x1 = Math.min(width, b.x + b.width * (1 + grow));
          const y1 = Math.min(height, b.y + b.height * (1 + grow));
          return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: Number(f.score) };
        });
      } finally {
        input.dispose();
      }
    },
  };
}
