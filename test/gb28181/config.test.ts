/** `gb28181.*`: off by default with a safe loopback listener; enabling it without a password stops the start with a clear message. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';

const cwd = () => mkdtempSync(path.join(os.tmpdir(), 'custos-gbcfg-'));

describe('gb28181 configuration', () => {
  it('is off by default, on loopback port 5060, 180 s keep-alive timeout', () => {
    expect(loadConfig({ env: {}, cwd: cwd() }).gb28181).toEqual({
      enabled: false,
      sipId: '34020000002000000001',
      domain: '3402000000',
      host: '127.0.0.1',
      sipPort: 5060,
      keepaliveTimeoutSec: 180,
      registerExpiresMaxSec: 3600,
    });
  });

  it('refuses to be enabled without a password, and a domain that is not the platform code’s first ten digits', () => {
    expect(() => loadConfig({ env: { CUSTOS_GB28181_ENABLED: 'true' }, cwd: cwd() })).toThrow(/gb28181\.password.*required when gb28181\.enabled/);
    expect(() => loadConfig({ env: { CUSTOS_GB28181_DOMAIN: '4401000000' }, cwd: cwd() })).toThrow(/gb28181\.domain/);
    expect(() => loadConfig({ env: { CUSTOS_GB28181_SIP_ID: '34020000001320000001', CUSTOS_GB28181_DOMAIN: '3402000000' }, cwd: cwd() })).toThrow(/type digits/);
  });

  it('reads every key from CUSTOS_GB28181_* variables, and lets the CLI’s server variables through', () => {
    const config = loadConfig({
      env: {
        CUSTOS_GB28181_ENABLED: 'true',
        CUSTOS_GB28181_PASSWORD: 'x1234567',
        CUSTOS_GB28181_SIP_ID: '44010600002000000009',
        CUSTOS_GB28181_DOMAIN: '4401060000',
        CUSTOS_GB28181_HOST: '0.0.0.0',
        CUSTOS_GB28181_SIP_PORT: '15060',
        CUSTOS_GB28181_MEDIA_HOST: '192.168.1.10',
        CUSTOS_GB28181_KEEPALIVE_TIMEOUT_SEC: '90',
        CUSTOS_GB28181_REGISTER_EXPIRES_MAX_SEC: '600',
        CUSTOS_URL: 'http://127.0.0.1:8080',
        CUSTOS_TOKEN: 't',
      },
      cwd: cwd(),
    });
    expect(config.gb28181).toEqual({ enabled: true, password: 'x1234567', sipId: '44010600002000000009', domain: '4401060000', host: '0.0.0.0', sipPort: 15060, mediaHost: '192.168.1.10', keepaliveTimeoutSec: 90, registerExpiresMaxSec: 600 });
  });
});
