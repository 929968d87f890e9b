/**
 * Synthetic test material for the redaction pipeline (issue 12, part 5): a 720p street-like scene
 * with faces (cut from the sample photos shipped in @vladmandic/face-api's demo/ folder) and rendered
 * Chinese plates (blue 蓝牌, yellow 黄牌, green new-energy 绿牌, drawn by ffmpeg's drawtext with the
 * Noto Sans SC font of @embedpdf/fonts-sc) moving across it, encoded like a recording (H.264,
 * self-contained fragmented MP4 segments, a location tag in the metadata), with the ground-truth box
 * of every face and plate in every frame written to truth.json. The busy clip also has two shop signs
 * with organisation names (a red 平安大药房 and a white rooftop 某某科技有限公司; TEXT ground truth:
 * the characters' box) besides the decoys (a plain blue sign, a tree).
 *
 * Face ground truth: the face box SSD-MobileNetV1 finds on the full-resolution sample photo (score ≥
 * 0.95, checked by eye), carried through the crop and scale: the clip then asks whether the detector
 * finds the same faces again, smaller, moving, re-encoded, on another background.
 *
 *   node --import tsx scripts/make-redaction-clips.ts [outDir] [seconds] [--plain]
 *     (default: test/fixtures/redaction/street, 4 s in 2 s segments, with the `busy` objects;
 *     --plain: only the three faces and three plates)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface TruthBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ClipTruth {
  width: number;
  height: number;
  fps: number;
  frames: number;
  segments: string[];
  objects: { id: string; kind: 'FACE' | 'PLATE' | 'TEXT'; label: string }[];
  /** truth[frame] = the boxes visible in that frame. */
  truth: TruthBox[][];
}

export interface MakeClipOptions {
  outDir: string;
  seconds?: number;
  segmentSeconds?: number;
  fps?: number;
  crf?: number;
  ffmpeg?: string;
  /**
   * Harder material besides the six objects: a small face (56 px) and a small plate (58 px wide),
   * a face walking in from the left edge and a car driving in from the right.
   */
  busy?: boolean;
}

const W = 1280;
const H = 720;

interface Sprite {
  w: number;
  h: number;
  rgb: Uint8Array;
  /** The ground-truth box inside the sprite. */
  box: { x: number; y: number; w: number; h: number };
}

interface Mover {
  id: string;
  kind: 'FACE' | 'PLATE' | 'TEXT';
  label: string;
  sprite: Sprite;
  /** Where the sprite's top-left corner is at the start and at the end (linear in between). */
  from: [number, number];
  to: [number, number];
  /** Drawn behind the sprite: a car body around a plate. */
  body?: { dx: number; dy: number; w: number; h: number; rgb: [number, number, number] };
}

const FACES: { sample: number; box: [number, number, number, number] }[] = [
  { sample: 1, box: [414, 355, 177, 239] },
  { sample: 5, box: [787, 108, 156, 212] },
  { sample: 4, box: [664, 52, 187, 258] },
];

const PLATES: { label: string; colour: 'BLUE' | 'YELLOW' | 'GREEN'; text: string }[] = [
  { label: 'blue 京A·F2345', colour: 'BLUE', text: '京A·F2345' },
  { label: 'yellow 沪B·67890', colour: 'YELLOW', text: '沪B·67890' },
  { label: 'green 粤B·D12345', colour: 'GREEN', text: '粤B·D12345' },
];

function faceApiDir(): string {
  return path.dirname(require.resolve('@vladmandic/face-api/package.json'));
}

function fontFile(): string {
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Bold.otf');
}

function rawFrame(ffmpeg: string, args: string[], size: number): Uint8Array {
  const out = execFileSync(ffmpeg, ['-v', 'error', '-nostdin', ...args, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 });
  if (out.length !== size) throw new Error(`make-redaction-clips: expected ${size} bytes from ffmpeg, got ${out.length}`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A head-and-shoulders crop around the face, scaled so that the face is `faceW` px wide. */
function faceSprite(ffmpeg: string, sample: number, box: [number, number, number, number], faceW: number): Sprite {
  const [fx, fy, fw, fh] = box;
  const margin = 0.45;
  const cx = Math.max(0, Math.round(fx - fw * margin));
  const cy = Math.max(0, Math.round(fy - fh * margin));
  const cw = Math.round(fw * (1 + 2 * margin));
  const chh = Math.round(fh * (1 + 2 * margin));
  const scale = faceW / fw;
  const w = 2 * Math.round((cw * scale) / 2);
  const h = 2 * Math.round((chh * scale) / 2);
  const file = path.join(faceApiDir(), 'demo', `sample${sample}.jpg`);
  const rgb = rawFrame(ffmpeg, ['-i', file, '-vf', `crop=${cw}:${chh}:${cx}:${cy},scale=${w}:${h}:flags=area`], w * h * 3);
  return { w, h, rgb, box: { x: (fx - cx) * (w / cw), y: (fy - cy) * (h / chh), w: fw * (w / cw), h: fh * (h / chh) } };
}

/** A plate drawn at 1.36× its width, then squeezed to w × h so the glyphs get the plate's narrow shape. */
export function plateSprite(ffmpeg: string, colour: 'BLUE' | 'YELLOW' | 'GREEN', text: string, w: number): Sprite {
  const green = colour === 'GREEN';
  const baseW = green ? 660 : 600;
  const h = Math.round((w * 140) / (green ? 480 : 440));
  const bg = colour === 'BLUE' ? 'color=c=0x1145B0:s=' + baseW + 'x140' : colour === 'YELLOW' ? 'color=c=0xF5C400:s=' + baseW + 'x140' : `color=c=white:s=${baseW}x140,format=rgb24,geq=r='214-150*Y/H':g='242-70*Y/H':b='206-130*Y/H'`;
  const ink = colour === 'BLUE' ? 'white' : 'black';
  const font = fontFile().replace(/:/g, '\\:');
  const vf = `${bg},drawbox=x=6:y=6:w=iw-12:h=ih-12:color=${ink}:t=4,drawtext=fontfile=${font}:text='${text}':fontsize=${green ? 88 : 96}:fontcolor=${ink}:x=(w-text_w)/2:y=(h-text_h)/2-4,scale=${w}:${h}:flags=area`;
  const rgb = rawFrame(ffmpeg, ['-f', 'lavfi', '-i', vf], w * h * 3);
  return { w, h, rgb, box: { x: 0, y: 0, w, h } };
}

/**
 * A shop sign: a `bg` panel w × h with `text` in `ink` at `fontSize`, centred. The ground-truth box is
 * the text's ink (the pixels that differ from the panel), 2 px around: the organisation's name.
 */
export function signSprite(ffmpeg: string, text: string, w: number, h: number, fontSize: number, bg: string, ink: string): Sprite {
  const font = fontFile().replace(/:/g, '\\:');
  const vf = `color=c=${bg}:s=${w}x${h},drawtext=fontfile=${font}:text='${text}':fontsize=${fontSize}:fontcolor=${ink}:x=(w-text_w)/2:y=(h-text_h)/2`;
  const rgb = rawFrame(ffmpeg, ['-f', 'lavfi', '-i', vf], w * h * 3);
  const panel = [rgb[0] as number, rgb[1] as number, rgb[2] as number];
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const d = Math.max(Math.abs((rgb[i] as number) - (panel[0] as number)), Math.abs((rgb[i + 1] as number) - (panel[1] as number)), Math.abs((rgb[i + 2] as number) - (panel[2] as number)));
      if (d > 40) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) throw new Error(`make-redaction-clips: no ink on the sign '${text}'`);
  const bx = Math.max(0, x0 - 2);
  const by = Math.max(0, y0 - 2);
  return { w, h, rgb, box: { x: bx, y: by, w: Math.min(w, x1 + 3) - bx, h: Math.min(h, y1 + 3) - by } };
}

/** The street: sky, buildings with windows, a plain blue sign, a tree, the road; made once. */
function background(): Uint8Array {
  const bg = new Uint8Array(W * H * 3);
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const fill = (x: number, y: number, w: number, h: number, c: [number, number, number], jitter = 0) => {
    for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) {
        const i = (yy * W + xx) * 3;
        const j = jitter ? Math.round((rnd() - 0.5) * jitter) : 0;
        bg[i] = Math.max(0, Math.min(255, c[0] + j));
        bg[i + 1] = Math.max(0, Math.min(255, c[1] + j));
        bg[i + 2] = Math.max(0, Math.min(255, c[2] + j));
      }
    }
  };
  for (let y = 0; y < H; y++) {
    const u = y / H;
    fill(0, y, W, 1, [Math.round(175 + 30 * u), Math.round(188 + 20 * u), Math.round(205 + 10 * u)]);
  }
  const buildings: [number, number, number, number, [number, number, number]][] = [
    [0, 60, 260, 400, [150, 128, 110]],
    [270, 120, 300, 340, [120, 120, 126]],
    [580, 30, 240, 430, [170, 150, 130]],
    [830, 90, 450, 370, [135, 125, 120]],
  ];
  for (const [x, y, w, h, c] of buildings) {
    fill(x, y, w, h, c, 10);
    for (let wy = y + 20; wy + 30 < y + h - 10; wy += 55) for (let wx = x + 16; wx + 26 < x + w - 10; wx += 44) fill(wx, wy, 26, 32, [60, 66, 78], 8);
  }
  fill(300, 300, 220, 56, [20, 62, 165], 6); // a plain blue sign, no characters
  for (let y = -60; y <= 60; y++) for (let x = -60; x <= 60; x++) if (x * x + y * y < 3600) fill(1180 + x, 380 + y, 1, 1, [46, 112, 44], 30); // a tree
  fill(0, 460, W, H - 460, [96, 96, 100], 14); // the road
  for (let x = 0; x < W; x += 120) fill(x, 585, 60, 6, [220, 220, 220]); // lane marks
  return bg;
}

function blit(frame: Uint8Array, sprite: Sprite, left: number, top: number): void {
  for (let y = 0; y < sprite.h; y++) {
    const fy = top + y;
    if (fy < 0 || fy >= H) continue;
    const x0 = Math.max(0, left);
    const x1 = Math.min(W, left + sprite.w);
    if (x1 <= x0) continue;
    const src = (y * sprite.w + (x0 - left)) * 3;
    frame.set(sprite.rgb.subarray(src, src + (x1 - x0) * 3), (fy * W + x0) * 3);
  }
}

function mark(owner: Int16Array, x: number, y: number, w: number, h: number, id: number): void {
  for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) owner.fill(id, yy * W + Math.max(0, x), yy * W + Math.min(W, x + w));
}

function paint(frame: Uint8Array, x: number, y: number, w: number, h: number, c: [number, number, number]): void {
  for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) {
      const i = (yy * W + xx) * 3;
      frame[i] = c[0];
      frame[i + 1] = c[1];
      frame[i + 2] = c[2];
    }
  }
}

function movers(ffmpeg: string, busy: boolean): Mover[] {
  const faceWidths = [104, 88, 120];
  const faces = FACES.map((f, i) => faceSprite(ffmpeg, f.sample, f.box, faceWidths[i] as number));
  const plateWidths = [118, 100, 132];
  const plates = PLATES.map((p, i) => plateSprite(ffmpeg, p.colour, p.text, plateWidths[i] as number));
  const [f0, f1, f2] = faces as [Sprite, Sprite, Sprite];
  const [p0, p1, p2] = plates as [Sprite, Sprite, Sprite];
  const car = (p: Sprite, rgb: [number, number, number]) => ({ dx: -Math.round(p.w * 1.1), dy: -Math.round(p.h * 2.6), w: Math.round(p.w * 3.2), h: Math.round(p.h * 3.6), rgb });
  const base: Mover[] = [
    { id: 'face-1', kind: 'FACE', label: `sample${FACES[0]?.sample} face`, sprite: f0, from: [40, 20], to: [380, 60] },
    { id: 'face-2', kind: 'FACE', label: `sample${FACES[1]?.sample} face`, sprite: f1, from: [1100, 220], to: [900, 170] },
    { id: 'face-3', kind: 'FACE', label: `sample${FACES[2]?.sample} face`, sprite: f2, from: [500, 10], to: [650, 40] },
    { id: 'plate-blue', kind: 'PLATE', label: PLATES[0]?.label ?? '', sprite: p0, from: [160, 520], to: [560, 520], body: car(p0, [52, 54, 62]) },
    { id: 'plate-yellow', kind: 'PLATE', label: PLATES[1]?.label ?? '', sprite: p1, from: [1080, 640], to: [700, 640], body: car(p1, [205, 205, 210]) },
    { id: 'plate-green', kind: 'PLATE', label: PLATES[2]?.label ?? '', sprite: p2, from: [820, 520], to: [1060, 520], body: car(p2, [150, 30, 36]) },
  ];
  if (!busy) return base;
  const small = faceSprite(ffmpeg, 6, [1181, 305, 188, 279], 56);
  const entering = faceSprite(ffmpeg, 2, [1447, 154, 193, 242], 96);
  const smallPlate = plateSprite(ffmpeg, 'BLUE', '苏E·5G781', 58);
  const enteringPlate = plateSprite(ffmpeg, 'YELLOW', '浙A·3K902', 104);
  // Shop signs fixed to the buildings (drawn first: anything moving passes in front of them).
  const pharmacy = signSprite(ffmpeg, '平安大药房', 194, 54, 30, '0xC8161E', 'white');
  const company = signSprite(ffmpeg, '某某科技有限公司', 316, 62, 34, 'white', '0x1A2A6C');
  return [
    { id: 'text-pharmacy', kind: 'TEXT', label: 'red shop sign 平安大药房 (white, 30 px)', sprite: pharmacy, from: [290, 360], to: [290, 360] },
    { id: 'text-company', kind: 'TEXT', label: 'rooftop sign 某某科技有限公司 (white panel, 34 px)', sprite: company, from: [920, 20], to: [920, 20] },
    ...base,
    { id: 'face-small', kind: 'FACE', label: 'sample6 face, 56 px', sprite: small, from: [40, 480], to: [200, 470] },
    { id: 'face-entering', kind: 'FACE', label: 'sample2 face walking in from the left edge', sprite: entering, from: [-420, 120], to: [160, 120] },
    { id: 'plate-small', kind: 'PLATE', label: 'blue 苏E·5G781, 58 px', sprite: smallPlate, from: [60, 690], to: [240, 690] },
    { id: 'plate-entering', kind: 'PLATE', label: 'yellow 浙A·3K902 driving in from the right edge', sprite: enteringPlate, from: [1500, 450], to: [1000, 450], body: car(enteringPlate, [40, 70, 120]) },
  ];
}

export async function makeRedactionClip(options: MakeClipOptions): Promise<ClipTruth> {
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const fps = options.fps ?? 25;
  const seconds = options.seconds ?? 4;
  const segmentSeconds = options.segmentSeconds ?? 2;
  const frames = Math.round(seconds * fps);
  mkdirSync(options.outDir, { recursive: true });
  for (const f of readdirSync(options.outDir)) if (/^seg-\d+\.mp4$/.test(f) || f === 'truth.json') rmSync(path.join(options.outDir, f));
  const bg = background();
  const ms = movers(ffmpeg, options.busy ?? false);
  const enc = spawn(
    ffmpeg,
    [
      '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-framerate', String(fps), '-i', 'pipe:0',
      '-c:v', 'libx264', '-preset', 'medium', '-crf', String(options.crf ?? 30), '-g', String(fps), '-pix_fmt', 'yuv420p',
      '-metadata', 'location=+31.2304+121.4737/', '-metadata', 'comment=camera C-0001 serial DS-2CD0001',
      '-f', 'segment', '-segment_time', String(segmentSeconds), '-reset_timestamps', '1', '-segment_format', 'mp4',
      '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof',
      path.join(options.outDir, 'seg-%03d.mp4'),
    ],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => enc.once('close', resolve));
  const truth: TruthBox[][] = [];
  const frame = new Uint8Array(W * H * 3);
  // Which mover each pixel shows (-1 background or a car body): a box hidden behind a later object is not ground truth.
  const owner = new Int16Array(W * H);
  for (let n = 0; n < frames; n++) {
    frame.set(bg);
    owner.fill(-1);
    const u = frames > 1 ? n / (frames - 1) : 0;
    const placed: { m: Mover; i: number; x0: number; y0: number; x1: number; y1: number }[] = [];
    ms.forEach((m, i) => {
      const left = Math.round(m.from[0] + (m.to[0] - m.from[0]) * u);
      const top = Math.round(m.from[1] + (m.to[1] - m.from[1]) * u);
      if (m.body) {
        paint(frame, left + m.body.dx, top + m.body.dy, m.body.w, m.body.h, m.body.rgb);
        mark(owner, left + m.body.dx, top + m.body.dy, m.body.w, m.body.h, -1);
      }
      blit(frame, m.sprite, left, top);
      mark(owner, left, top, m.sprite.w, m.sprite.h, i);
      const b = m.sprite.box;
      placed.push({ m, i, x0: Math.max(0, left + b.x), y0: Math.max(0, top + b.y), x1: Math.min(W, left + b.x + b.w), y1: Math.min(H, top + b.y + b.h) });
    });
    const boxes: TruthBox[] = [];
    for (const { m, i, x0, y0, x1, y1 } of placed) {
      if (x1 <= x0 || y1 <= y0) continue;
      let seen = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) for (let x = Math.floor(x0); x < Math.ceil(x1); x++) if (owner[y * W + x] === i) seen++;
      // A box counts while at least half of it is in the picture and not hidden behind another object.
      if (seen >= 0.5 * m.sprite.box.w * m.sprite.box.h) boxes.push({ id: m.id, x: round1(x0), y: round1(y0), w: round1(x1 - x0), h: round1(y1 - y0) });
    }
    truth.push(boxes);
    if (!enc.stdin.write(frame)) await new Promise((resolve) => enc.stdin.once('drain', resolve));
  }
  enc.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`make-redaction-clips: ffmpeg exited with ${code}`);
  const segments = readdirSync(options.outDir).filter((f) => /^seg-\d+\.mp4$/.test(f)).sort();
  const result: ClipTruth = { width: W, height: H, fps, frames, segments, objects: ms.map((m) => ({ id: m.id, kind: m.kind, label: m.label })), truth };
  writeFileSync(path.join(options.outDir, 'truth.json'), JSON.stringify(result) + '\n');
  return result;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const outDir = args[0] ?? path.join(root, 'test', 'fixtures', 'redaction', 'street');
  const seconds = Number(args[1] ?? 4);
  const clip = await makeRedactionClip({ outDir, seconds, busy: !process.argv.includes('--plain') });
  process.stdout.write(`${clip.frames} frames, ${clip.objects.length} objects → ${outDir} (${clip.segments.join(', ')})\n`);
}
