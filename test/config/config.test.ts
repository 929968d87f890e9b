import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseUrl, loadConfig } from '../../src/config/load.ts';
import { CAMERA_CLOCK_TOLERANCE_MS } from '../../src/recorder/camera-clock-trust.ts';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'custos-config-'));
}

describe('configuration', () => {
  it('has safe defaults: loopback, port 8080, no trusted proxy, SQLite in ./data, camera sources in private networks', () => {
    const config = loadConfig({ env: {}, cwd: tempDir() });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, trustProxy: false });
    expect(config.recording.allowedSourceNetworks).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', 'fc00::/7', 'fe80::/10']);
    expect(databaseUrl(config)).toBe(`sqlite:${path.join('data', 'custos.db')}`);
    expect(config.auth).toEqual({ sessionIdleMinutes: 30, sessionLifetimeHours: 12, apiTokenMaxDays: 90 });
  });

  it('reads a YAML file and lets CUSTOS_* variables and DB_URL override it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'custos.yaml'), 'server:\n  port: 9000\n  host: 127.0.0.2\nlog:\n  level: warn\n');
    const config = loadConfig({ cwd: dir, env: { CUSTOS_SERVER_PORT: '9100', DB_URL: 'postgres://db.example/custos' } });
    expect(config.server).toEqual({ host: '127.0.0.2', port: 9100, trustProxy: false });
    expect(config.log.level).toBe('warn');
    expect(databaseUrl(config)).toBe('postgres://db.example/custos');
  });

  it('names every bad key and stops', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.yaml'), 'server:\n  port: 99999\n  hots: x\ncolour: blue\nlog:\n  level: loud\n');
    let error: unknown;
    try {
      loadConfig({ cwd: dir, file: 'bad.yaml', env: { CUSTOS_DB_URL: 'mysql://x', CUSTOS_TYPO: '1' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['server.port', 'server.hots', 'colour', 'log.level', 'db.url', 'CUSTOS_TYPO']) expect(problems).toContain(key);
  });

  it('reads the session timeouts and the API tokens\' longest life, and no longer knows the single API token (accounts replaced it)', () => {
    const config = loadConfig({ env: { CUSTOS_SESSION_IDLE_MINUTES: '15', CUSTOS_SESSION_LIFETIME_HOURS: '8', CUSTOS_API_TOKEN_MAX_DAYS: '30' }, cwd: tempDir() });
    expect(config.auth).toEqual({ sessionIdleMinutes: 15, sessionLifetimeHours: 8, apiTokenMaxDays: 30 });
    expect(() => loadConfig({ env: { CUSTOS_SESSION_IDLE_MINUTES: '0' }, cwd: tempDir() })).toThrow(/auth\.sessionIdleMinutes/);
    expect(() => loadConfig({ env: { CUSTOS_API_TOKEN_MAX_DAYS: '0' }, cwd: tempDir() })).toThrow(/auth\.apiTokenMaxDays/);
    expect(() => loadConfig({ env: { CUSTOS_API_TOKEN: 'a-test-token-that-is-long-enough-0123456789' }, cwd: tempDir() })).toThrow(/CUSTOS_API_TOKEN/);
  });

  it('reads trustProxy as a flag or the proxy addresses, and the allowed camera source networks', () => {
    expect(loadConfig({ env: { CUSTOS_SERVER_TRUST_PROXY: 'true' }, cwd: tempDir() }).server.trustProxy).toBe(true);
    expect(loadConfig({ env: { CUSTOS_SERVER_TRUST_PROXY: '10.0.0.1,10.0.0.2' }, cwd: tempDir() }).server.trustProxy).toBe('10.0.0.1,10.0.0.2');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'custos.yaml'), 'recording:\n  allowedSourceNetworks: [203.0.113.0/24, "2001:db8::/32", 198.51.100.7]\n');
    expect(loadConfig({ cwd: dir, env: {} }).recording.allowedSourceNetworks).toEqual(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7']);
    expect(() => loadConfig({ env: { CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: 'camera.lan' }, cwd: tempDir() })).toThrow(/recording\.allowedSourceNetworks/);
  });

  it('reads how far a camera clock may be off and still stamp its footage: 2 s unless set, from the file or CUSTOS_RECORDING_CAMERA_CLOCK_TOLERANCE_SECONDS', () => {
    expect(loadConfig({ env: {}, cwd: tempDir() }).recording.cameraClockToleranceSeconds * 1000).toBe(CAMERA_CLOCK_TOLERANCE_MS);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'custos.yaml'), 'recording:\n  cameraClockToleranceSeconds: 5\n');
    expect(loadConfig({ cwd: dir, env: {} }).recording.cameraClockToleranceSeconds).toBe(5);
    expect(loadConfig({ cwd: dir, env: { CUSTOS_RECORDING_CAMERA_CLOCK_TOLERANCE_SECONDS: '0.5' } }).recording.cameraClockToleranceSeconds).toBe(0.5);
    for (const bad of ['0', '-1', 'two', '86400']) {
      expect(() => loadConfig({ env: { CUSTOS_RECORDING_CAMERA_CLOCK_TOLERANCE_SECONDS: bad }, cwd: tempDir() }), bad).toThrow(/recording\.cameraClockToleranceSeconds/);
    }
  });

  it('reports a YAML syntax error with the file name', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'custos.yaml'), 'server: [unclosed\n');
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/custos\.yaml/);
  });
});
