/** How the GB/T 28181 page names things: pure functions (tested in test/web/gb28181-labels.test.ts). */

/** Catalog PTZType → message key: 1 dome, 2 half dome, 3 fixed, 4 remote-controlled; anything else unknown. */
export function ptzTypeKey(ptzType: number | null | undefined): string {
  return ptzType === 1 || ptzType === 2 || ptzType === 3 || ptzType === 4 ? `gb28181.ptzType.${ptzType}` : 'gb28181.ptzType.unknown';
}

/** Type digits 11–13 of a 20-digit code → message key of what it is (Table E.3), for the channel list. */
export function codeTypeKey(code: string): string {
  const type = /^\d{20}$/.test(code) ? code.slice(10, 13) : '';
  return ['111', '118', '131', '132', '134', '135', '200', '215', '216'].includes(type) ? `gb28181.codeType.${type}` : 'gb28181.codeType.other';
}

/**
 * A device's state as one word: offline, not in the inventory (online but no camera links to it: an
 * unknown device on the network, REG-07-6), or online.
 */
export function deviceState(device: { online: boolean; known: boolean }): 'offline' | 'unknown' | 'online' {
  if (!device.online) return 'offline';
  return device.known ? 'online' : 'unknown';
}

/** Seconds since the last keep-alive, rounded, or null when none arrived (or the clock is behind). */
export function keepaliveAge(lastKeepaliveAt: string | null, now: number): number | null {
  if (!lastKeepaliveAt) return null;
  const age = Math.round((now - Date.parse(lastKeepaliveAt)) / 1000);
  return Number.isFinite(age) && age >= 0 ? age : null;
}

/** Bytes as a short size (KiB, MiB, GiB). */
export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
