import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Authenticator, Credentials, chooseChallenge, digestResponse, parseChallenges } from '../../src/media/rtsp/auth.ts';
import { parseRtspUrl } from '../../src/media/rtsp/url.ts';

// RFC 7616 §3.9.1 worked example.
const RFC = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  method: 'GET',
  uri: '/dir/index.html',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
  qop: 'auth' as const,
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('Digest and Basic authentication', () => {
  it('computes the RFC 7616 worked example for MD5 and SHA-256', () => {
    expect(digestResponse({ ...RFC, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...RFC, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('computes the RFC 2069 form (no qop) as MD5(HA1:nonce:HA2)', () => {
    const expected = md5(`${md5('admin:cam:secret')}:abc:${md5('DESCRIBE:rtsp://h/s')}`);
    expect(digestResponse({ username: 'admin', password: 'secret', realm: 'cam', nonce: 'abc', method: 'DESCRIBE', uri: 'rtsp://h/s', algorithm: 'MD5' })).toBe(expected);
  });

  it('reads several challenges, quoted commas and escapes included, and prefers the strongest', () => {
    const challenges = parseChallenges(['Basic realm="a, b"', 'Digest realm="c\\"d", nonce="n1", qop="auth,auth-int", algorithm=MD5, Digest realm="x", nonce="n2", algorithm=SHA-256']);
    expect(challenges.map((c) => c.scheme)).toEqual(['basic', 'digest', 'digest']);
    expect(challenges[0]?.params.get('realm')).toBe('a, b');
    expect(challenges[1]?.params.get('realm')).toBe('c"d');
    expect(challenges[1]?.params.get('qop')).toBe('auth,auth-int');
    expect(chooseChallenge(challenges)?.params.get('nonce')).toBe('n2');
    expect(chooseChallenge(parseChallenges(['Digest realm="x", nonce="n", algorithm=SHA-512-256']))).toBeUndefined();
  });

  it('writes a Digest header with qop, nc counting up and the opaque echoed', () => {
    const auth = new Authenticator(new Credentials(RFC.username, RFC.password), () => RFC.cnonce);
    auth.accept([`Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=MD5, nonce="${RFC.nonce}", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`]);
    const header = auth.authorization('GET', '/dir/index.html') ?? '';
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('qop=auth');
    expect(header).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
    expect(auth.authorization('GET', '/dir/index.html')).toContain('nc=00000002');
  });

  it('writes Basic when that is all the camera offers', () => {
    const auth = new Authenticator(new Credentials('admin', 'p:ss'));
    expect(auth.authorization('OPTIONS', 'rtsp://h/')).toBeUndefined();
    expect(auth.accept(['Basic realm="cam"'])).toBe(true);
    expect(auth.authorization('OPTIONS', 'rtsp://h/')).toBe(`Basic ${Buffer.from('admin:p:ss').toString('base64')}`);
    expect(auth.accept(['Negotiate'])).toBe(false);
  });

  it('takes credentials out of the URL and never prints the password', () => {
    const target = parseRtspUrl('rtsp://ad%40min:s3cr%3At@10.0.0.5:8554/live/main?x=1');
    expect(target.url).toBe('rtsp://10.0.0.5:8554/live/main?x=1');
    expect(target.host).toBe('10.0.0.5');
    expect(target.port).toBe(8554);
    expect(target.credentials?.username).toBe('ad@min');
    expect(target.credentials?.reveal()).toBe('s3cr:t');
    const printed = [inspect(target), JSON.stringify(target), String(target.credentials), `${inspect({ nested: target }, { depth: 5 })}`].join('\n');
    expect(printed).not.toContain('s3cr');
    expect(parseRtspUrl('rtsp://[::1]/s')).toMatchObject({ host: '::1', port: 554, credentials: undefined });
  });
});
