/**
 * The topics Custos publishes, in the shape Frigate users know:
 *   <prefix>/available                   online / offline (retained; offline is the last will)
 *   <prefix>/events                      JSON per alarm event (never retained)
 *   <prefix>/<cameraId>/tamper           ON while any tamper alarm is open on the camera (retained)
 *   <prefix>/<cameraId>/tamper/<kind>    ON / OFF per tamper kind (retained)
 *   <prefix>/<cameraId>/availability     online / offline (retained)
 *   <prefix>/ledger/checkpoint           the latest signed checkpoint, JSON (retained)
 */
export class MqttTopics {
  constructor(readonly prefix: string) {}

  available(): string {
    return `${this.prefix}/available`;
  }

  events(): string {
    return `${this.prefix}/events`;
  }

  tamper(cameraId: string, kind?: string): string {
    return kind ? `${this.prefix}/${cameraId}/tamper/${kind}` : `${this.prefix}/${cameraId}/tamper`;
  }

  availability(cameraId: string): string {
    return `${this.prefix}/${cameraId}/availability`;
  }

  checkpoint(): string {
    return `${this.prefix}/ledger/checkpoint`;
  }
}

/** A camera id inside a topic: MQTT wildcards and separators never come from data. */
export function topicSafe(id: string): string {
  return id.replace(/[#+/\s]/g, '_');
}
