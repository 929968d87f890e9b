/** `custos webhook …`: add (secret once), list (no secret), test and deliveries, rotate-secret, as a user whose rights are checked. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/custos.mjs');

function withStdin(args: string[], env: Record<string, string>, stdin: string): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

describe('custos webhook', { timeout: 180_000 }, () => {
  it('adds an endpoint with its secret shown once, lists it without, queues a test, rotates the secret; YAML endpoints listed read-only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'custos-webhook-'));
    const config = path.join(dir, 'custos.yaml');
    const yamlSecret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    writeFileSync(config, `events:\n  webhooks:\n    - name: ha\n      url: http://127.0.0.1:8123/api/webhook/custos\n      secret: ${yamlSecret}\n      eventTypes: [alarm.raised]\n`);
    const env = { CUSTOS_DATA_DIR: path.join(dir, 'data'), CUSTOS_CONFIG: config };
    const admin = await withStdin(['admin', 'create', '--username', 'root.admin', '--display-name', '管理员', '--password-stdin'], env, 'a strong first password\n');
    expect(admin.status, admin.stderr).toBe(0);

    const added = await custos(['webhook', 'add', '--url', 'http://127.0.0.1:9/hook', '--events', 'alarm.raised,ledger.checkpoint', '--description', 'SOC', '--as', 'root.admin'], env);
    expect(added.status, added.stderr).toBe(0);
    const { endpoint, secret } = added.json<{ endpoint: { id: string }; secret: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect(added.stderr).toContain('shown this once');

    const bad = await custos(['webhook', 'add', '--url', 'http://169.254.169.254/', '--as', 'root.admin'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('E_WEBHOOK_TARGET_FORBIDDEN');

    const listed = await custos(['webhook', 'list', '--as', 'root.admin'], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.json<{ id: string; source: string }[]>().map((e) => [e.id, e.source])).toEqual([
      ['yaml_ha', 'CONFIG'],
      [endpoint.id, 'API'],
    ]);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(yamlSecret);

    const tested = await custos(['webhook', 'test', endpoint.id, '--as', 'root.admin'], env);
    expect(tested.status, tested.stderr).toBe(0);
    const deliveries = await custos(['webhook', 'deliveries', endpoint.id, '--as', 'root.admin'], env);
    expect(deliveries.json<{ messages: { id: string; state: string; eventType: string }[] }>().messages).toEqual([expect.objectContaining({ id: tested.json<{ id: string }>().id, state: 'PENDING', eventType: 'webhook.test' })]);

    const rotated = await custos(['webhook', 'rotate-secret', endpoint.id, '--as', 'root.admin'], env);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.json<{ secret: string }>().secret).not.toBe(secret);

    const unknown = await custos(['webhook', 'list', '--as', 'nobody'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('E_USER_NOT_FOUND');
  });
});
