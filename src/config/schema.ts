import { z } from 'zod';
import { DEFAULT_SOURCE_NETWORKS, isCidr } from '../registry/source-networks.ts';
import { eventsOutShape } from '../events/out/config.ts';
import { securityConfig, syslogConfig } from '../events/security/security-config.ts';
import { gb28181Config } from '../gb28181/config.ts';
import { cascadeConfig } from '../gb28181/cascade/config.ts';
import { onvifConfig } from '../devices/onvif/config.ts';
import { clusterConfig } from '../cluster/config.ts';
import { storageConfig } from '../storage/config.ts';

const cidr = z.string().refine(isCidr, 'expected a network such as 192.168.0.0/16 or fc00::/7');
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.coerce.number().int().min(0).max(65535).default(8080),
      /**
       * Behind a TLS-terminating reverse proxy: true trusts X-Forwarded-* from any peer, or a
       * comma-separated list of the proxy's addresses/CIDRs. Off by default: clients could forge them.
       */
      trustProxy: z.union([flag, z.string().min(1)]).default(false),
      /**
       * The address people reach this server at from outside (https://cctv.example.cn), printed in each
       * sign's QR as <publicUrl>/s/<CODE>. Unset: taken from the request that asks for the QR or the sign.
       */
      publicUrl: z
        .url({ protocol: /^https?$/ })
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    })
    .prefault({}),
  /** Folder for the SQLite database, segments and keys. */
  dataDir: z.string().min(1).default('./data'),
  db: z
    .strictObject({
      /** `sqlite:PATH` (relative to the working folder) or `postgres://…`. Defaults to SQLite in dataDir. */
      url: z
        .string()
        .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'expected sqlite:PATH or postgres://…')
        .optional(),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
  auth: z
    .strictObject({
      /** A signed-in session ends after this many minutes without a request. */
      sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
      /** A session ends this many hours after sign-in, however active. */
      sessionLifetimeHours: z.coerce.number().int().min(1).max(24 * 7).default(12),
      /** API tokens expire after at most this many days; a token asked for without expiry gets this one. */
      apiTokenMaxDays: z.coerce.number().int().min(1).max(3650).default(90),
    })
    .prefault({}),
  demo: z
    .strictObject({
      /**
       * Register a demonstration unit, system and camera on the first start with an empty registry,
       * and serve the demo camera from the built-in simulator.
       */
      enabled: flag.default(true),
      /** Port of the demo camera simulator on 127.0.0.1. */
      simulatorPort: z.coerce.number().int().min(0).max(65535).default(8554),
      /** The demo camera also answers ONVIF (device, media, PTZ, events) and WS-Discovery, so that discovery finds it. */
      onvif: flag.default(true),
      /**
       * With gb28181.enabled: also start one simulated GB/T 28181 NVR on 127.0.0.1 that registers to
       * Custos's own SIP platform (src/app/demo-gb-device.ts).
       */
      gb28181: flag.default(false),
    })
    .prefault({}),
  recording: z
    .strictObject({
      /** Record every active camera that has a stream address. */
      enabled: flag.default(true),
      segmentSeconds: z.coerce.number().int().min(2).max(600).default(10),
      transport: z.enum(['tcp', 'udp']).default('tcp'),
      /**
       * How far a camera's clock (its RTCP sender reports) may be from the server's and still stamp its
       * footage; beyond it the footage gets arrival time (src/recorder/camera-clock-trust.ts).
       */
      cameraClockToleranceSeconds: z.coerce.number().positive().max(3600).default(2),
      /** Worker threads that record, each owning a group of cameras; 'auto' is one per core, 0 records in the main thread. */
      workers: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(64)]).default('auto'),
      /** ffmpeg for sources the native RTSP client cannot record (http(s), files); default: ffmpeg on PATH, else @ffmpeg-installer/ffmpeg. */
      ffmpegPath: z.string().min(1).optional(),
      /**
       * Networks (CIDR) a camera's source address may point into; a list or a comma-separated string.
       * Loopback is allowed besides only while the demo simulator runs (demo.enabled); the server's own
       * port never. See src/registry/source-address-policy.ts.
       */
      allowedSourceNetworks: z
        .union([z.array(cidr), z.string().transform((s) => s.split(',').map((n) => n.trim()).filter(Boolean))])
        .pipe(z.array(cidr))
        .default([...DEFAULT_SOURCE_NETWORKS]),
    })
    .prefault({}),
  ledger: z
    .strictObject({
      /**
       * Append-only JSON-lines file that receives every signed checkpoint (default
       * `<dataDir>/ledger/anchor.jsonl`). Put it on another disk or mount than the database.
       */
      anchorFile: z.string().min(1).optional(),
      /** A checkpoint is signed on every follower tick that grew the tree, at most this often. */
      checkpointSeconds: z.coerce.number().int().min(1).max(3600).default(5),
    })
    .prefault({}),
  /** The health monitor (art. 15, REG-15-8): thresholds of the health alarms (src/events/health). */
  health: z
    .strictObject({
      /** How often the monitor looks at the recorder, the disk forecast and the ledger. */
      intervalSeconds: z.coerce.number().int().min(1).max(60).default(5),
      /** No media for this long (offline, error or still starting): CAMERA_OFFLINE. */
      offlineSeconds: z.coerce.number().int().min(5).max(600).default(30),
      /** This many reconnects within reconnectWindowMinutes: CAMERA_RECONNECTING. */
      reconnects: z.coerce.number().int().min(2).max(100).default(3),
      reconnectWindowMinutes: z.coerce.number().min(1).max(60).default(5),
      /** Bitrate under this share of the camera's own median for dropSeconds: BITRATE_COLLAPSE. */
      bitrateRatio: z.coerce.number().gt(0).lt(1).default(0.25),
      /** Frame rate under this share of the camera's own median for dropSeconds: FRAME_RATE_DROP. */
      fpsRatio: z.coerce.number().gt(0).lt(1).default(0.5),
      dropSeconds: z.coerce.number().int().min(5).max(3600).default(30),
      /** Minutes of recording before a camera's baseline counts (no rate alarm while it learns). */
      baselineMinutes: z.coerce.number().min(1).max(120).default(5),
      /** The camera's clock off ours by more than this (RTCP sender reports): CLOCK_DRIFT. */
      clockDriftMs: z.coerce.number().int().min(100).max(3_600_000).default(1000),
      /** Gaps at least this long raise RECORDING_GAP. */
      gapSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
      /** A camera's gaps within the last hour adding up to this many seconds: RECORDING_LOSS (many short holes). */
      missingSecondsPerHour: z.coerce.number().min(1).max(3600).default(60),
      /** The newest signed checkpoint older than max(60 s, this × ledger.checkpointSeconds) with leaves unsigned: LEDGER_CHECKPOINT_OVERDUE. */
      checkpointOverdueFactor: z.coerce.number().min(2).max(1000).default(10),
    })
    .prefault({}),
  policy: z
    .strictObject({
      pack: z.enum(['cn-order-799']).default('cn-order-799'),
    })
    .prefault({}),
  /** Art. 21 viewing requests by the person filmed, close relatives and guardians (REG-21-3, REG-21-4). */
  art21: z
    .strictObject({
      /** The widest window either side of the stated incident without a justification. */
      maxWindowHours: z.coerce.number().min(0.25).max(72).default(2),
      /** Calendar days to answer a request. */
      answerDays: z.coerce.number().int().min(1).max(365).default(15),
      /** A pending request due within this many days shows as due soon on the dashboard. */
      dueSoonDays: z.coerce.number().int().min(0).max(60).default(3),
      /** A supervised viewing session ends this many minutes after it starts. */
      sessionMinutes: z.coerce.number().int().min(5).max(480).default(60),
    })
    .prefault({}),
  /** Art. 24 ¶2 reports from the public (the sign's QR page): the time to the first action (REG-24-2). */
  publicReports: z
    .strictObject({
      /** Hours from a report's receipt to the first action of a handler; past it, PUBLIC_REPORT_SLA_BREACHED. */
      firstActionHours: z.coerce.number().min(1).max(720).default(24),
    })
    .prefault({}),
  /** Security signals (art. 23(3), 23(4)): brute force, refusals, export volume, verification, device identity. */
  security: securityConfig,
  /** Events out: MQTT (with Home Assistant discovery), Standard Webhooks declared in YAML, syslog (RFC 5424 or CEF). */
  events: z.strictObject({ ...eventsOutShape, syslog: syslogConfig }).prefault({}),
  /** GB/T 28181-2022: devices and lower platforms register to Custos over SIP; PS over RTP into the recorder. */
  gb28181: gb28181Config,
  /** GB/T 28181 cascading: Custos registers upward to superior platforms and shares what configuration names. */
  cascade: cascadeConfig,
  /** ONVIF: WS-Discovery, profiles and stream addresses, PTZ and events. */
  onvif: onvifConfig,
  /** Past one machine: recorders sharing cameras by leases, API processes on one PostgreSQL (src/cluster). */
  cluster: clusterConfig,
  /** Where segment bytes live: local disk, an S3-compatible bucket, or both in tiers (src/storage). */
  storage: storageConfig,
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
