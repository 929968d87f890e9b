/**
 * Configuration of the security signals (art. 23(3), 23(4)) and of the syslog output: thresholds in
 * `security:`, the collector in `events.syslog`. Part of the one config schema (src/config/schema.ts).
 */
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
const minutes = (fallback: number) => z.coerce.number().int().min(1).max(7 * 24 * 60).default(fallback);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const credential = z.strictObject({ username: z.string().max(64), password: z.string().max(128) });

/** Vendor defaults tried at activation (REG-23-5): the factory credentials of common camera makers. */
export const VENDOR_DEFAULT_CREDENTIALS = [
  { username: 'admin', password: '12345' },
  { username: 'admin', password: 'admin' },
  { username: 'admin', password: '' },
  { username: 'admin', password: '123456' },
  { username: 'admin', password: '888888' },
  { username: 'root', password: 'pass' },
  { username: 'root', password: 'root' },
  { username: 'service', password: 'service' },
  { username: 'supervisor', password: 'supervisor' },
  { username: 'Admin', password: '1111' },
] as const;

export const securityConfig = z
  .strictObject({
    /** Failed sign-ins of one name, from any address, within the window: SECURITY_BRUTE_FORCE on the name. */
    bruteForceAccountFailures: count(10),
    /** Failed sign-ins from one address, whatever the names, within the window: SECURITY_BRUTE_FORCE on the address. */
    bruteForceAddressFailures: count(20),
    bruteForceWindowMinutes: minutes(10),
    /** Refused video requests (DENIAL entries) of one user within the window: MEDIA_REFUSALS (REG-16-7). */
    mediaRefusals: count(5),
    mediaRefusalWindowMinutes: minutes(10),
    /** Exports of one user per legal day (Asia/Shanghai), and their bytes: EXPORT_VOLUME_EXCEEDED (REG-16-7). */
    exportsPerDay: count(5),
    exportMegabytesPerDay: count(10_240),
    /** The access register and the ledger are verified this often in the background (0: never). */
    verifyEveryMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
    /** Each camera's ONVIF identity (maker, model, serial) is checked this often (0: never). */
    identityCheckMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
    /** The port of the ONVIF device service on each camera's host (the host of its stream address). */
    onvifPort: z.coerce.number().int().min(1).max(65535).default(80),
    /** Try the vendor-default credentials against a camera's RTSP source before it is activated (REG-23-5). */
    defaultCredentialCheck: flag.default(true),
    /** The credentials tried; the built-in list of common makers' factory defaults when absent. */
    defaultCredentials: z.array(credential).max(100).optional(),
  })
  .prefault({});

export type SecurityConfig = z.output<typeof securityConfig>;

export const SYSLOG_CATEGORIES = ['SECURITY', 'TAMPER', 'HEALTH', 'DEVICE'] as const;

export const syslogConfig = z
  .strictObject({
    /** The collector; none: no syslog output. */
    host: z.string().min(1).optional(),
    port: z.coerce.number().int().min(1).max(65535).default(514),
    protocol: z.enum(['udp', 'tcp']).default('udp'),
    format: z.enum(['rfc5424', 'cef']).default('rfc5424'),
    /** The alarm categories sent; a list or a comma-separated string. */
    categories: z
      .union([z.array(z.enum(SYSLOG_CATEGORIES)), z.string().transform((s) => s.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean))])
      .pipe(z.array(z.enum(SYSLOG_CATEGORIES)).min(1))
      .default(['SECURITY']),
    /** The APP-NAME and HOSTNAME fields; HOSTNAME defaults to the machine's name. */
    appName: z.string().min(1).max(48).default('custos'),
    hostname: z.string().min(1).max(255).optional(),
  })
  .prefault({});

export type SyslogConfig = z.output<typeof syslogConfig>;
