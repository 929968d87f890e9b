/** The MQTT connection never shows its password: not in the status, not in the log, not in the last error. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventsConfigSchema } from '../../../src/events/out/config.ts';
import { MqttConnection } from '../../../src/events/out/mqtt/mqtt-connection.ts';
import { MqttTopics } from '../../../src/events/out/mqtt/mqtt-topics.ts';

describe('MQTT connection', () => {
  it('keeps the password out of status, log and errors, and queues events (bounded) while away', async () => {
    // A port that accepts and hangs up at once: the client fails and retries.
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const secret = 'Sup3r-Secret-Pw';
    const logged: string[] = [];
    const log = { info: (o: unknown, m: string) => logged.push(JSON.stringify(o) + m), warn: (o: unknown, m: string) => logged.push(JSON.stringify(o) + m) };
    const config = eventsConfigSchema.parse({ mqtt: { url: `mqtt://custos:${secret}@127.0.0.1:${port}`, password: secret, username: 'custos' } }).mqtt;
    const connection = new MqttConnection(config, new MqttTopics('custos'), log, () => new Date());
    connection.start();
    for (let i = 0; i < 1005; i += 1) connection.event('custos/events', `{"n":${i}}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const status = connection.status();
    await connection.stop();
    server.close();
    expect(status).toMatchObject({ enabled: true, connected: false, username: 'custos', queued: 1000, messagesDropped: 5 });
    expect(status.lastError).toBeTruthy();
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(secret);
  });
});
