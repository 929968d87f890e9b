/** The UA's SIP channel: the address it announces, and a TCP superior that is down at first. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openSipChannel } from '../../src/gb28181/ua/channel.ts';
import { digestAuthorization, parseDigestChallenge } from '../../src/gb28181/ua/digest.ts';
import { Authenticator } from '../../src/media/simulator/auth.ts';

describe('SIP channel', () => {
  it('bound to the wildcard, announces the address the system routes to the peer from', async () => {
    const channel = await openSipChannel('UDP', { host: '127.0.0.1', port: 9 });
    expect(channel.local().host).toBe('127.0.0.1');
    expect(channel.local().port).toBeGreaterThan(0);
    await channel.close();
  });

  it('over TCP, dials again on the next send when the peer was down at first', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const channel = await openSipChannel('TCP', { host: '127.0.0.1', port }, '127.0.0.1');
    expect(channel.stats.connects).toBe(0);
    const received: Buffer[] = [];
    const again = createServer((socket) => socket.on('data', (d: Buffer) => received.push(d)));
    await new Promise<void>((resolve) => again.listen(port, '127.0.0.1', () => resolve()));
    channel.sendRaw(Buffer.from('hello'));
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Buffer.concat(received).toString()).toBe('hello');
    expect(channel.stats.connects).toBe(1);
    await channel.close();
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });
});

describe('Digest answer', () => {
  for (const qop of [false, true]) {
    it(`is what an RFC 2617 verifier accepts${qop ? ' (qop=auth)' : ''}, and not with another password`, () => {
      const verifier = new Authenticator({ user: '34020000001180000001', password: 'pw', scheme: 'digest', realm: '3402000000', qop });
      const challenge = parseDigestChallenge(verifier.challenge())!;
      const input = { username: '34020000001180000001', method: 'REGISTER', uri: 'sip:34020000002000000001@3402000000' };
      expect(verifier.verify('REGISTER', digestAuthorization(challenge, { ...input, password: 'pw' }))).toBe(true);
      expect(verifier.verify('REGISTER', digestAuthorization(challenge, { ...input, password: 'other' }))).toBe(false);
    });
  }
});
