/** The `events` configuration: MQTT from YAML or CUSTOS_MQTT_*, defaults, and refusals naming the key. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';

describe('events configuration', () => {
  it('has MQTT off by default, with the Frigate-like defaults ready', () => {
    const config = loadConfig({ env: {}, cwd: '/nonexistent' });
    expect(config.events.mqtt).toEqual({ topicPrefix: 'custos', retain: true, haDiscovery: true, discoveryPrefix: 'homeassistant' });
    expect(config.events.webhooks).toEqual([]);
    expect(config.events.webhookRetrySeconds).toEqual([5, 300, 1800, 7200, 18000, 36000]);
    expect(config.events.webhookTimeoutSeconds).toBe(10);
  });

  it('reads CUSTOS_MQTT_* and the webhook schedule from the environment', () => {
    const config = loadConfig({
      cwd: '/nonexistent',
      env: {
        CUSTOS_MQTT_URL: 'mqtt://broker.local:1883',
        CUSTOS_MQTT_USERNAME: 'custos',
        CUSTOS_MQTT_PASSWORD: 'pw-123',
        CUSTOS_MQTT_TOPIC_PREFIX: 'vms',
        CUSTOS_MQTT_HA_DISCOVERY: 'false',
        CUSTOS_WEBHOOK_RETRY_SECONDS: '1, 2,3',
      },
    });
    expect(config.events.mqtt).toMatchObject({ url: 'mqtt://broker.local:1883', username: 'custos', password: 'pw-123', topicPrefix: 'vms', haDiscovery: false });
    expect(config.events.webhookRetrySeconds).toEqual([1, 2, 3]);
  });

  it('refuses a broker URL of another scheme and a topic prefix with wildcards, naming the key', () => {
    expect(() => loadConfig({ cwd: '/nonexistent', env: { CUSTOS_MQTT_URL: 'http://broker', CUSTOS_MQTT_TOPIC_PREFIX: 'a/#' } })).toThrow(/events\.mqtt\.url[\s\S]*events\.mqtt\.topicPrefix/);
  });
});
