/** The Transport header of SETUP (RFC 2326 §12.39): unicast RTP over the RTSP connection or over UDP. */

export type Transport = { kind: 'tcp'; channel: number } | { kind: 'udp'; rtpPort: number; rtcpPort: number };

/** The first transport spec the simulator can serve, or undefined. */
export function chooseTransport(header: string | undefined, nextChannel: number): Transport | undefined {
  for (const spec of (header ?? '').split(',')) {
    const [protocol = '', ...params] = spec.trim().split(';');
    const fields = new Map(params.map((p) => p.trim().split('=') as [string, string | undefined]));
    if (fields.has('multicast')) continue;
    const upper = protocol.toUpperCase();
    if (upper === 'RTP/AVP/TCP') {
      const interleaved = fields.get('interleaved');
      const channel = interleaved === undefined ? nextChannel : Number(interleaved.split('-')[0]);
      if (Number.isInteger(channel) && channel >= 0 && channel <= 254) return { kind: 'tcp', channel };
    } else if (upper === 'RTP/AVP' || upper === 'RTP/AVP/UDP') {
      const ports = (fields.get('client_port') ?? '').split('-').map(Number);
      const rtpPort = ports[0];
      if (rtpPort !== undefined && Number.isInteger(rtpPort) && rtpPort > 0 && rtpPort < 65535) {
        const rtcpPort = ports[1] !== undefined && Number.isInteger(ports[1]) && ports[1] > 0 ? ports[1] : rtpPort + 1;
        return { kind: 'udp', rtpPort, rtcpPort };
      }
    }
  }
  return undefined;
}

export function formatTransport(t: Transport, ssrc: number, serverPorts: [number, number] | undefined): string {
  const ssrcHex = (ssrc >>> 0).toString(16).toUpperCase().padStart(8, '0');
  if (t.kind === 'tcp') return `RTP/AVP/TCP;unicast;interleaved=${t.channel}-${t.channel + 1};ssrc=${ssrcHex}`;
  const server = serverPorts ? `;server_port=${serverPorts[0]}-${serverPorts[1]}` : '';
  return `RTP/AVP;unicast;client_port=${t.rtpPort}-${t.rtcpPort}${server};ssrc=${ssrcHex}`;
}
