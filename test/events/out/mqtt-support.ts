/** A real MQTT subscriber for the events-out tests, and a TCP relay whose connections the test can cut. */
import net from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

export class Subscriber {
  readonly messages: Received[] = [];
  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => this.messages.push({ topic, payload: payload.toString('utf8'), retain: packet.retain }));
  }

  static async connect(url: string, topics: string[]): Promise<Subscriber> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, clientId: `custos-test-sub-${Math.random().toString(36).slice(2)}` });
    const subscriber = new Subscriber(client);
    await client.subscribeAsync(topics, { qos: 1 });
    return subscriber;
  }

  /** The first message (from now on, or already received when `seen` allows) matching; fails after 8 s. */
  async waitFor(predicate: (m: Received) => boolean, what: string, timeoutMs = 8000): Promise<Received> {
    const started = Date.now();
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no MQTT message: ${what}; got ${this.messages.map((m) => `${m.topic}=${m.payload.slice(0, 40)}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The latest payload seen on a topic. */
  last(topic: string): Received | undefined {
    return this.messages.filter((m) => m.topic === topic).at(-1);
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

/** Clears the retained messages a test left under its own prefixes. */
export async function clearRetained(url: string, topics: string[]): Promise<void> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  for (const topic of topics) await client.publishAsync(topic, '', { retain: true, qos: 1 });
  await client.endAsync();
}

/** Forwards TCP to the broker; `cut()` kills every connection and stops accepting (a network that died). */
export async function startRelay(brokerUrl: string): Promise<{ url: string; cut(): Promise<void> }> {
  const broker = new URL(brokerUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(broker.port || 1883), broker.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
