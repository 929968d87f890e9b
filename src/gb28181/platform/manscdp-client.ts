/**
 * MANSCDP towards registered devices: a MESSAGE with the body (answered 200 by the device, else
 * E_GB_REFUSED), and for queries the answer MESSAGEs awaited by SN (pending-queries.ts). Devices are
 * reached where and how they registered; an unknown one is E_GB_DEVICE_NOT_FOUND, an offline one
 * E_GB_DEVICE_OFFLINE.
 */
import type { Db } from '../../db/connect.ts';
import { gbDeviceNotFound, gbDeviceOffline, gbRefused } from '../gb-errors.ts';
import { parseGbCode } from '../ids.ts';
import { MANSCDP_CONTENT_TYPE, type ManscdpMessage } from '../manscdp/xml.ts';
import type { SipEndpoint } from '../sip/endpoint.ts';
import { buildRequest, deviceUri, type LocalIdentity } from '../sip/request-builder.ts';
import type { SipPeer } from '../sip/transport.ts';
import { gbRepository } from './gb-repository.ts';
import { PendingQueries, type ListCounter } from './pending-queries.ts';

export class ManscdpClient {
  readonly pending = new PendingQueries();

  constructor(
    private readonly deps: { db: Db; endpoint: SipEndpoint; local: () => LocalIdentity; timeoutMs: number },
  ) {}

  async peerOf(deviceId: string): Promise<SipPeer> {
    const row = await gbRepository.deviceRow(this.deps.db, parseGbCode(deviceId, 'deviceId').code);
    if (!row) throw gbDeviceNotFound(deviceId);
    if (!row.online) throw gbDeviceOffline(deviceId);
    return { transport: row.transport === 'TCP' ? 'TCP' : 'UDP', host: row.host, port: row.port };
  }

  /** Sends the query and resolves with its answer message(s); a list answer counts items against SumNum. */
  async query(deviceId: string, cmdType: string, body: (sn: number) => Buffer, counter?: ListCounter): Promise<ManscdpMessage[]> {
    const sn = this.pending.nextSn();
    await this.peerOf(deviceId);
    const wait = this.pending.wait(deviceId, cmdType, sn, this.deps.timeoutMs, counter);
    try {
      await this.send(deviceId, body, sn);
    } catch (error) {
      wait.cancel(error as Error);
    }
    return wait.done;
  }

  /** A MESSAGE with a MANSCDP body (a control, an answer to a notify), a new SN unless given. */
  async send(deviceId: string, body: (sn: number) => Buffer, sn = this.pending.nextSn()): Promise<void> {
    const peer = await this.peerOf(deviceId);
    const local = this.deps.local();
    const request = buildRequest(local, peer, { method: 'MESSAGE', uri: deviceUri(deviceId, peer), toUri: `sip:${deviceId}@${local.domain}`, contentType: MANSCDP_CONTENT_TYPE, body: body(sn) });
    const response = await this.deps.endpoint.request(peer, request);
    if (response.status >= 300) throw gbRefused('MESSAGE', response.status, response.reason);
  }
}
