/**
 * Each provision upward is an access-register entry (art. 16, REG-16-5), written before anything is
 * sent: the catalog the superior platform asked for (API_RETRIEVAL, the cameras listed) and each live
 * request (refused for now: a DENIAL entry naming the camera). The superior platform and its organ
 * are the receiving actor; the basis is the one the link's configuration names (art. 23(1)).
 */
import type { Principal } from '../../access/principal.ts';
import type { Reason } from '../../access/register/model.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { CascadeUpwardConfig } from './config.ts';
import type { SharedCamera } from './shared-cameras.ts';

export interface CascadeShareRecorder {
  /** Before the catalog goes out; returns the entry id. Throws when it cannot be written (nothing is sent then). */
  catalogShared(link: CascadeUpwardConfig, cameras: readonly SharedCamera[], from: string): Promise<string>;
  /** Before the first byte of a live stream upward: an ACCESS entry (LIVE_ADHOC); returns its id. */
  liveOpened(link: CascadeUpwardConfig, camera: SharedCamera, from: string): Promise<string>;
  /** The stream ended (BYE from either side): the CLOSE entry of `entryId`. */
  liveClosed(link: CascadeUpwardConfig, entryId: string, from: string): Promise<void>;
  /** A live INVITE that was refused (`code` says why); `camera` null when the channel is not shared. */
  liveRefused(link: CascadeUpwardConfig, camera: SharedCamera | null, channelId: string, code: string, from: string): Promise<string>;
}

/** The unit of the receiving side: the organ when configured, else the superior platform by its code. */
export function superiorUnit(link: CascadeUpwardConfig): string {
  return link.superior.organ ?? `上级平台 ${link.superior.sipId}`;
}

function cascadePrincipal(link: CascadeUpwardConfig, from: string): Principal {
  const id = `cascade:${link.name}`;
  return { userId: id, username: id, displayName: `GB/T 28181 级联 ${link.name}`, unitId: null, unitName: superiorUnit(link), kind: 'STAFF', via: 'token', clientAddress: from };
}

function reason(link: CascadeUpwardConfig, what: 'catalog' | 'live'): Reason {
  const zh = what === 'catalog' ? '查询共享目录' : '请求实时视频';
  const en = what === 'catalog' ? 'catalog query' : 'live video request';
  return { category: 'STATE_ORGAN_REQUEST', text: `GB/T 28181 级联:上级平台 ${link.superior.sipId} ${zh} (${en} by the superior platform)` };
}

const recipient = (link: CascadeUpwardConfig) => ({ name: `上级平台 ${link.superior.sipId}`, unit: superiorUnit(link), idDocument: `GB28181:${link.superior.sipId}` });
const basis = (link: CascadeUpwardConfig) => ({ type: 'STATE_ORGAN_REQUEST', ref: link.basis ?? 'NONE' });

export class RegisterShareRecorder implements CascadeShareRecorder {
  constructor(private readonly register: RegisterService) {}

  async catalogShared(link: CascadeUpwardConfig, cameras: readonly SharedCamera[], from: string): Promise<string> {
    const cameraIds = cameras.map((c) => c.cameraId);
    const entry = await this.register.open(cascadePrincipal(link, from), {
      operation: 'API_RETRIEVAL',
      reason: reason(link, 'catalog'),
      content: { cameraIds, ranges: [], operation: 'API_RETRIEVAL' },
      basis: basis(link),
      recipient: recipient(link),
    });
    return entry.id;
  }

  async liveOpened(link: CascadeUpwardConfig, camera: SharedCamera, from: string): Promise<string> {
    const entry = await this.register.open(cascadePrincipal(link, from), {
      operation: 'LIVE_ADHOC',
      reason: reason(link, 'live'),
      content: { cameraIds: [camera.cameraId], ranges: [], operation: 'LIVE_ADHOC' },
      basis: basis(link),
      recipient: recipient(link),
    });
    return entry.id;
  }

  async liveClosed(link: CascadeUpwardConfig, entryId: string, from: string): Promise<void> {
    await this.register.close(entryId, cascadePrincipal(link, from));
  }

  async liveRefused(link: CascadeUpwardConfig, camera: SharedCamera | null, channelId: string, code: string, from: string): Promise<string> {
    const cameraIds = camera ? [camera.cameraId] : [];
    const entry = await this.register.deny(cascadePrincipal(link, from), {
      operation: 'LIVE_ADHOC',
      reason: reason(link, 'live'),
      content: { cameraIds, ranges: [], operation: 'LIVE_ADHOC' },
      basis: basis(link),
      error: { code: `${code}:${channelId}`.slice(0, 64) },
    });
    return entry.id;
  }
}
