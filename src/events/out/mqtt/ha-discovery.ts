/**
 * Home Assistant MQTT discovery: two binary sensors per active camera (tamper, connectivity), each a
 * retained config under `<discoveryPrefix>/binary_sensor/custos_<id>_<what>/config`. An empty retained
 * config removes the entity (a camera deactivated or gone).
 */
import type { MqttTopics } from './mqtt-topics.ts';
import { topicSafe } from './mqtt-topics.ts';

export interface DiscoveredCamera {
  id: string;
  name: string;
  manufacturer: string | null;
  model: string | null;
}

export interface DiscoveryMessage {
  topic: string;
  payload: string;
}

function objectId(cameraId: string, what: 'tamper' | 'online'): string {
  return `custos_${topicSafe(cameraId)}_${what}`;
}

export function discoveryTopics(discoveryPrefix: string, cameraId: string): string[] {
  return (['tamper', 'online'] as const).map((what) => `${discoveryPrefix}/binary_sensor/${objectId(cameraId, what)}/config`);
}

export function discoveryConfigs(discoveryPrefix: string, topics: MqttTopics, camera: DiscoveredCamera): DiscoveryMessage[] {
  const id = topicSafe(camera.id);
  const device = {
    identifiers: [`custos_${id}`],
    name: camera.name,
    manufacturer: camera.manufacturer ?? 'Custos',
    model: camera.model ?? 'camera',
  };
  const tamper = {
    name: 'Tamper',
    unique_id: objectId(camera.id, 'tamper'),
    object_id: objectId(camera.id, 'tamper'),
    device_class: 'tamper',
    state_topic: topics.tamper(id),
    payload_on: 'ON',
    payload_off: 'OFF',
    availability_topic: topics.available(),
    payload_available: 'online',
    payload_not_available: 'offline',
    device,
  };
  const online = {
    name: 'Online',
    unique_id: objectId(camera.id, 'online'),
    object_id: objectId(camera.id, 'online'),
    device_class: 'connectivity',
    state_topic: topics.availability(id),
    payload_on: 'online',
    payload_off: 'offline',
    availability_topic: topics.available(),
    payload_available: 'online',
    payload_not_available: 'offline',
    device,
  };
  const [tamperTopic, onlineTopic] = discoveryTopics(discoveryPrefix, camera.id) as [string, string];
  return [
    { topic: tamperTopic, payload: JSON.stringify(tamper) },
    { topic: onlineTopic, payload: JSON.stringify(online) },
  ];
}
