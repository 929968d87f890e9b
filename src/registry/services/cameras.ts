import type { z } from 'zod';
import { siteTarget } from '../../access/authorization/target.ts';
import { cameraScope } from '../../policy/index.ts';
import { ConflictError, InvalidError } from '../../shared/errors.ts';
import { keepRedactedPassword, redactUrl } from '../../shared/redact.ts';
import type { Db } from '../../db/connect.ts';
import type { CameraRecord } from '../model.ts';
import { cameraActivateInput, cameraCreateInput, cameraUpdateInput } from '../inputs.ts';
import { camerasRepository, sitesRepository, unitsRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import type { Principal } from '../../access/principal.ts';
import { EntityService, splitChangeReason } from './entity-service.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import { enforceCameraGate } from './policy-gate.ts';
import { requireActiveSite } from './sites.ts';
import { checkSourceAddress, type SourceAddressPolicy } from '../source-address-policy.ts';
import { parseGbStreamUrl } from '../../gb28181/stream-url.ts';

type CameraCreate = z.output<typeof cameraCreateInput>;
type CameraUpdate = z.output<typeof cameraUpdateInput>;

const STREAM_SCHEMES = ['rtsp:', 'rtsps:', 'http:', 'https:', 'gb28181:'];

function checkSourceUrl(url: string | null): void {
  if (url === null) return;
  let scheme = '';
  try {
    scheme = new URL(url).protocol;
  } catch {
    /* reported below */
  }
  if (!STREAM_SCHEMES.includes(scheme)) {
    throw new InvalidError('E_SOURCE_URL', {
      message: { zh: '视频源地址须为 rtsp://、http(s):// 或 gb28181:// 地址', en: 'The source URL must be an rtsp://, http(s):// or gb28181:// address' },
      details: { field: 'sourceUrl' },
    });
  }
  if (scheme === 'gb28181:') parseGbStreamUrl(url);
}

async function checkCamera(tx: Db, next: CameraRecord, previous: CameraRecord | undefined, now: Date, sources?: SourceAddressPolicy): Promise<void> {
  if (!previous || previous.siteId !== next.siteId) await requireActiveSite(tx, next.siteId);
  checkSourceUrl(next.sourceUrl);
  if (next.sourceUrl !== previous?.sourceUrl) await checkSourceAddress(next.sourceUrl, sources);
  if (next.installedByUnitId !== null && !(await unitsRepository.get(tx, next.installedByUnitId))) {
    throw new InvalidError('E_UNIT_UNKNOWN', {
      message: { zh: `安装单位 ${next.installedByUnitId} 不存在`, en: `Installer unit ${next.installedByUnitId} does not exist` },
      details: { field: 'installedByUnitId' },
    });
  }
  await enforceCameraGate(tx, next, 'REGISTER', now);
  if (next.status === 'ACTIVE' && previous?.status !== 'ACTIVE') await enforceCameraGate(tx, next, 'ACTIVATE', now);
}

/** The facts of art. 13: where the camera is, where it looks and how far. */
export const PLACEMENT_FIELDS = ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'ptz', 'masks'] as const;

export interface PlacementVersion {
  version: number;
  at: string;
  actor: string;
  reason: string | null;
  placement: Pick<CameraRecord, (typeof PLACEMENT_FIELDS)[number]>;
}

function placementChanged(a: CameraRecord, b: CameraRecord): boolean {
  return PLACEMENT_FIELDS.some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** A camera as clients see it: the stream password hidden, the regulation's scope derived. */
export type CameraView = CameraRecord & { scope: 'PSVS' | 'NON_PUBLIC' };

/** Run before a camera is activated, outside the transaction (the vendor-default credential check, REG-23-5). */
export type ActivationCheck = (camera: CameraRecord) => Promise<void>;

export class CamerasService extends EntityService<CameraRecord, CameraCreate, CameraUpdate> {
  constructor(
    ctx: RegistryContext,
    private readonly activationCheck?: ActivationCheck,
  ) {
    super(ctx, {
      entityType: 'camera',
      idPrefix: 'cam',
      repository: camerasRepository,
      targetOf: async (db, camera) => ({ ...(await siteTarget(db, camera.siteId)), cameraId: camera.id }),
      createInput: cameraCreateInput,
      updateInput: cameraUpdateInput,
      build: async (tx, input, id) => {
        const site = await requireActiveSite(tx, input.siteId);
        return {
          ...input,
          id,
          retentionDays: input.retentionDays ?? site.storagePeriodDays,
          status: 'INACTIVE',
          activatedAt: null,
          signageOverrideReason: null,
        };
      },
      check: (tx, next, previous, now) => checkCamera(tx, next, previous, now, ctx.sourceAddresses),
      historyView: (camera) => ({ ...camera, sourceUrl: redactUrl(camera.sourceUrl) }),
    });
  }

  override async update(id: string, patch: unknown, actor: Actor): Promise<CameraRecord> {
    const { fields, reason } = splitChangeReason(patch);
    const parsed = cameraUpdateInput.parse(fields);
    const why = reason ?? actor.reason;
    return this.change(id, 'update', { ...actor, reason: why }, (camera) => {
      const next = { ...camera, ...parsed };
      if (camera.status === 'ACTIVE' && placementChanged(camera, next) && !why) {
        throw new InvalidError('E_CHANGE_REASON_REQUIRED', {
          article: '13',
          message: {
            zh: '变更在用摄像机的安装位置、角度或采集范围须说明理由(changeReason)',
            en: "Changing an active camera's position, angle or coverage needs a reason (changeReason)",
          },
          details: { fields: PLACEMENT_FIELDS.filter((f) => JSON.stringify(camera[f]) !== JSON.stringify(next[f])) },
        });
      }
      return parsed.sourceUrl === undefined ? parsed : { ...parsed, sourceUrl: keepRedactedPassword(parsed.sourceUrl, camera.sourceUrl) };
    });
  }

  /** REG-13-1: each version of the camera's placement, with who changed it, when and why. */
  async placementHistory(id: string, viewer?: Principal): Promise<PlacementVersion[]> {
    await this.get(id, viewer);
    const entries = await historyRepository.list(this.ctx.db, { entityType: 'camera', entityId: id });
    const versions: PlacementVersion[] = [];
    for (const entry of entries) {
      const after = entry.after as CameraRecord;
      const before = entry.before as CameraRecord | null;
      if (before && !placementChanged(before, after)) continue;
      versions.push({
        version: versions.length + 1,
        at: entry.at,
        actor: entry.actor,
        reason: entry.reason,
        placement: Object.fromEntries(PLACEMENT_FIELDS.map((f) => [f, after[f]])) as PlacementVersion['placement'],
      });
    }
    return versions;
  }

  async activate(id: string, input: unknown, actor: Actor): Promise<CameraRecord> {
    const { signageOverride } = cameraActivateInput.parse(input ?? {});
    if (this.activationCheck) {
      // The actor's CONFIG first: nobody else may make Custos probe a camera.
      const camera = await this.require(this.ctx.db, id);
      await this.authorize(this.ctx.db, actor, camera);
      if (camera.status !== 'ACTIVE') await this.activationCheck(camera);
    }
    return this.change(id, 'activate', actor, (camera, _tx, now) => {
      if (camera.status === 'ACTIVE') {
        throw new ConflictError('E_ALREADY_ACTIVE', { message: { zh: '摄像机已启用', en: 'The camera is already active' } });
      }
      return {
        status: 'ACTIVE',
        activatedAt: now.toISOString(),
        signageOverrideReason: signageOverride?.reason ?? camera.signageOverrideReason,
      };
    });
  }

  async deactivate(id: string, actor: Actor): Promise<CameraRecord> {
    return this.change(id, 'deactivate', actor, () => ({ status: 'DEACTIVATED' }));
  }

  async view(camera: CameraRecord): Promise<CameraView> {
    const site = await sitesRepository.get(this.ctx.db, camera.siteId);
    return {
      ...camera,
      sourceUrl: redactUrl(camera.sourceUrl),
      scope: site ? cameraScope(site) : 'PSVS',
    };
  }
}
