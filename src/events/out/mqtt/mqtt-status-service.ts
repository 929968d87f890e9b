/**
 * GET /api/events/mqtt: the MQTT publisher's state (connected, last error, messages sent) and its
 * configuration as read from YAML, never the password. The server attaches the running publisher.
 */
import type { AuthorizationService } from '../../../access/authorization/authorization-service.ts';
import type { Principal } from '../../../access/principal.ts';
import { requireEventsOutRead } from '../events-out-access.ts';
import type { MqttStatus } from './mqtt-connection.ts';

const NOT_RUNNING: MqttStatus = {
  enabled: false,
  url: null,
  clientId: null,
  username: null,
  topicPrefix: 'custos',
  retain: true,
  haDiscovery: true,
  discoveryPrefix: 'homeassistant',
  connected: false,
  lastConnectedAt: null,
  lastError: null,
  lastErrorAt: null,
  messagesSent: 0,
  messagesDropped: 0,
  queued: 0,
};

export class MqttStatusService {
  private source: { status(): MqttStatus } | undefined;

  constructor(private readonly gate: AuthorizationService) {}

  attach(source: { status(): MqttStatus } | undefined): void {
    this.source = source;
  }

  async status(principal: Principal): Promise<MqttStatus> {
    await requireEventsOutRead(this.gate, principal);
    return this.source?.status() ?? NOT_RUNNING;
  }
}
