/**
 * The top-level commands, their one-line descriptions and where each is built. `custos --help` and
 * `custos <command>` load only what they need: the command modules pull in zod, Kysely and the
 * services, which is most of a command's start-up time.
 */
import type { Command } from 'commander';

interface CommandGroup {
  commands: Record<string, string>;
  load: () => Promise<Command[]>;
}

const GROUPS: CommandGroup[] = [
  { commands: { serve: 'start the server and web UI (http://127.0.0.1:8080 by default)' }, load: async () => [(await import('./commands/serve.ts')).serveCommand()] },
  {
    commands: { recorder: 'record the cameras this process holds leases on (cluster mode, PostgreSQL; no HTTP API)' },
    load: async () => [(await import('./commands/recorder.ts')).recorderCommand()],
  },
  { commands: { migrate: 'apply database migrations' }, load: async () => [(await import('./commands/migrate.ts')).migrateCommand()] },
  { commands: { admin: 'administrator accounts' }, load: async () => [(await import('./commands/admin.ts')).adminCommand()] },
  {
    commands: {
      unit: 'management units (公共安全视频系统管理单位) and contractors',
      commission: "contractors' commissions from a management unit (art. 7.3, 19)",
      site: 'systems (sites): the unit of filing, with place category (art. 7, 9, 33)',
      zone: 'prohibited zones on the site plan (art. 8.1)',
      camera: 'cameras, with placement, installer, necessity and retention',
      sign: 'conspicuous signs (显著提示标识, art. 13) and the cameras they announce',
      consent: 'prior consent of military or confidential units (art. 10)',
    },
    load: async () => (await import('./commands/registry.ts')).registryCommands(),
  },
  {
    commands: {
      asset: 'related facilities (相关设施): recorders, storage, encoders, platform servers, displays, network links',
      conformance: 'declarations of conformance to mandatory national standards, e.g. GB 35114-2017 (art. 12)',
    },
    load: async () => (await import('./commands/assets.ts')).assetCommands(),
  },
  {
    commands: {
      advisory: 'vulnerability advisories matched to the inventory (art. 12)',
      remediation: 'remediation tasks opened by advisories (art. 12 补救措施)',
    },
    load: async () => (await import('./commands/advisories.ts')).advisoryCommands(),
  },
  { commands: { filing: 'filings to the county public security organ (备案, art. 14)' }, load: async () => [(await import('./commands/filing.ts')).filingCommand()] },
  { commands: { compliance: 'findings of the cn-order-799 policy pack' }, load: async () => [(await import('./commands/compliance.ts')).complianceCommand()] },
  {
    commands: { inspection: 'inspection by the public security organ (监督检查, art. 24): the inspection package as JSON and PDF' },
    load: async () => [(await import('./commands/inspection.ts')).inspectionCommand()],
  },
  {
    commands: { archive: 'system archive (档案资料, art. 11): design, construction, testing, acceptance, standards, changes' },
    load: async () => [(await import('./commands/archive.ts')).archiveCommand()],
  },
  {
    commands: { recordings: 'recorded segments: list, and verify their hashes and chains (art. 15)' },
    load: async () => [(await import('./commands/recordings.ts')).recordingsCommand()],
  },
  {
    commands: { storage: 'where segment bytes are (local disk, an S3-compatible bucket, tiered): status, and one tier move by hand' },
    load: async () => [(await import('./commands/storage.ts')).storageCommand()],
  },
  { commands: { register: 'the access register (信息调用登记, art. 16): verify, list, export' }, load: async () => [(await import('./commands/register.ts')).registerCommand()] },
  {
    commands: { tamper: 'tamper detection per camera (art. 23(2)): show, set on/off and sensitivity, re-learn after an authorised move, history' },
    load: async () => [(await import('./commands/tamper.ts')).tamperCommand()],
  },
  {
    commands: { gb28181: 'GB/T 28181 devices registered to this server: devices, channels, catalog, info, status, records, PTZ, device passwords' },
    load: async () => [(await import('./commands/gb28181.ts')).gb28181Command()],
  },
  { commands: { retention: 'retention (art. 17): sweep, status, holds, deletion log' }, load: async () => [(await import('./commands/retention.ts')).retentionCommand()] },
  {
    commands: { 'art21-request': 'art. 21 viewing requests (查阅) by the person filmed, close relatives and guardians: intake, consent, acknowledgement, supervised session' },
    load: async () => [(await import('./commands/art21-request.ts')).art21RequestCommand()],
  },
  { commands: { audit: 'the administration history: who changed what, when, before and after (hash-chained)' }, load: async () => [(await import('./commands/audit.ts')).auditCommand()] },
  { commands: { security: 'security events (art. 23): brute force, new administrators, refusals, export volume, failed verification, unknown devices' }, load: async () => [(await import('./commands/security-events.ts')).securityCommand()] },
  {
    commands: { webhook: 'Standard Webhooks endpoints: alarms, availability and checkpoints posted out, signed; deliveries and dead letters' },
    load: async () => [(await import('./commands/webhook.ts')).webhookCommand()],
  },
  {
    commands: { ledger: 'the integrity ledger (账本): Merkle log of segments, deletions, register and history; signed checkpoints' },
    load: async () => [(await import('./commands/ledger.ts')).ledgerCommand()],
  },
  {
    commands: {
      export: 'write an export bundle (MP4, original segments, manifest with Merkle proofs and the signed checkpoint) and record it in the register',
      verify: 'check an export bundle offline, layer by layer; exit 1 naming the layer and the file that fail',
    },
    load: async () => (await import('./commands/export-bundle.ts')).exportBundleCommands(),
  },
  {
    commands: { release: 'public release (art. 22): a redaction job (faces, plates, text), review and sign-off, approval, the redacted file and the release register' },
    load: async () => [(await import('./commands/release.ts')).releaseCommand()],
  },
  {
    commands: { 'state-organ-request': 'requests from state organs (art. 20): create, list, approve, amend, handover, sign, close' },
    load: async () => [(await import('./commands/state-organ.ts')).stateOrganCommand()],
  },
  {
    commands: { alarm: 'tamper, health and security alarms (arts. 15, 23): list, show, acknowledge' },
    load: async () => [(await import('./commands/alarm.ts')).alarmCommand()],
  },
  {
    commands: { onvif: 'ONVIF cameras: discover on the network (WS-Discovery), inspect one, add it with its product data and stream' },
    load: async () => [(await import('./commands/onvif.ts')).onvifCommand()],
  },
  { commands: { simulate: 'serve N looping test cameras over RTSP (rtsp://HOST:PORT/cam/1 …), with --onvif also as ONVIF devices, for tests and demos' }, load: async () => [(await import('./commands/simulate.ts')).simulateCommand()] },
  {
    commands: { generate: 'write the generated documents (OpenAPI, JSON Schemas, the web UI API types) that are committed in the repository' },
    load: async () => (await import('./commands/docs.ts')).docsCommands(),
  },
];

/** Every top-level command's name and description, in the order of `custos --help`. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<string, string>> = Object.fromEntries(GROUPS.flatMap((group) => Object.entries(group.commands)));

/** The description of a top-level command (its builder reads it here, so help and command agree). */
export function describeCommand(name: string): string {
  const description = COMMAND_DESCRIPTIONS[name];
  if (description === undefined) throw new Error(`no top-level command named ${name}`);
  return description;
}

/** The built command of that name, or undefined for a name that is not a command. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const group = GROUPS.find((g) => name in g.commands);
  return group ? (await group.load()).find((command) => command.name() === name) : undefined;
}

/** Every command, built (for tools that walk the whole program). */
export async function loadAllCommands(): Promise<Command[]> {
  return (await Promise.all(GROUPS.map((group) => group.load()))).flat();
}
