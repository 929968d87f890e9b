/**
 * Staff, accounts and grants in the browser (issue 11), against the real server: the first run from
 * the setup link with the page switched to English, the first-run checklist, a staff record created
 * with lapsed training and edited (its history shows the change), a twin refused with a link to the
 * record, an account created in a unit and linked to the record, and a grant over one camera requested
 * by one administrator, refused to its own requester, approved by a second administrator with a note,
 * then revoked with a reason. Screenshots: test-artifacts/e2e/staff-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;

/** A date `years` before today (UTC is close enough for a date two years back). */
const yearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

run('staff, accounts and grants in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  const codes = new Map<string, () => Promise<string>>();
  let camera: { id: string; name: string };
  const cspViolations: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `staff-${name}.png`), fullPage: true });

  const signIn = async (username: string) => {
    await page.waitForSelector('form[aria-label="Sign in"]');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=totp]');
    await page.fill('input[name=totp]', await codes.get(username)!());
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
  };
  const grantRow = (status: string) => page.waitForSelector(`table[aria-label=grants] tr[data-status=${status}]:has-text("zhang.san")`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('first run: the setup page in English with the password rule, then the checklist', async () => {
    await page.goto(`${server.url}/#setup=${server.setupToken}`);
    await page.waitForSelector('form[aria-label=setup]');
    await page.click('[data-testid=language]');
    await page.waitForSelector('h2:has-text("Create the first administrator")');
    expect(await page.getAttribute('link[rel=icon]', 'href')).toMatch(/^data:image\/svg\+xml,/);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=displayName]', 'First Admin');
    await page.fill('input[name=password]', 'admin-short');
    expect(await page.textContent('[data-testid=password-rule]')).toContain('At least 12 characters');
    expect(await page.textContent('[data-testid=password-rule]')).toContain('contains the username');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await shot('01-setup-en');
    await page.click('button[type=submit]');
    await page.waitForSelector('form[aria-label="Sign in"]');
    expect(await page.textContent('form[aria-label="Sign in"]')).toContain('At least 12 characters');
    expect(new URL(page.url()).hash).toBe('#/welcome');

    admin = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    codes.set('admin', await admin.enrolTotp());
    camera = (await admin.call<{ id: string; name: string }[]>('GET', '/api/cameras'))[0]!;
    await signIn('admin');
    await page.waitForSelector('ol[aria-label=checklist] li[data-step=view]');
    const done = async (step: string) => page.getAttribute(`li[data-step=${step}]`, 'data-done');
    expect(await done('setup')).toBe('true');
    expect(await done('unit')).toBe('false');
    expect(await done('person')).toBe('false');
    expect(await done('camera')).toBe('true');
    expect(await done('grant')).toBe('false');
    expect(await page.getAttribute('li[data-step=person] a', 'href')).toBe('#/persons');
    await shot('02-checklist');
    // The first administrator has no unit yet: the bar says so and links to where it is set.
    await page.click('header.bar a:has-text("Set your unit")');
    // Index 0 is the "choose the unit" placeholder, shown only while the account has none.
    await page.selectOption('tr[data-user=admin] select[name=unitId]', { index: 1 });
    await page.waitForSelector('tr[data-user=admin] [role=status]');
    await page.reload();
    await page.waitForSelector('header.bar');
    expect(await page.textContent('header.bar')).not.toContain('Set your unit');
  });

  it('a staff record: lapsed training in red, edited, its history shows the change; a twin is refused with a link', async () => {
    await page.goto(`${server.url}/#/persons`);
    await page.fill('form[aria-label=person] input[name=name]', '张三');
    await page.fill('form[aria-label=person] input[name=idDocument]', '330106199001011234');
    await page.fill('form[aria-label=person] input[name=position]', 'Monitor');
    for (const field of ['entryVettingAt', 'confidentialityEducationAt', 'confidentialityAgreementAt']) await page.fill(`form[aria-label=person] input[name=${field}]`, TODAY);
    const lapsedTraining = yearsAgo(2);
    await page.fill('form[aria-label=person] input[name=jobTrainingAt]', lapsedTraining);
    // A double click sends one request: the button is disabled while the first is on its way.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/persons')) posts.push(r.url());
    });
    await page.dblclick('form[aria-label=person] button[type=submit]');
    await page.waitForURL(/#\/persons\/psn/);
    expect(posts).toHaveLength(1);
    const personId = new URL(page.url()).hash.split('/')[2]!;
    const lapsed = await page.waitForSelector('[data-testid=training-lapsed]');
    expect(await lapsed.textContent()).toMatch(/Training lapsed on \d{4}-\d{2}-\d{2}/);
    await shot('03-person-lapsed');

    await page.fill('form[aria-label=person] input[name=jobTrainingAt]', TODAY);
    await page.click('form[aria-label=person] button[type=submit]');
    await page.waitForSelector('table[aria-label=history] td:has-text("Job training")');
    const history = await page.textContent('table[aria-label=history]');
    expect(history).toContain(`Job training: ${lapsedTraining} → ${TODAY}`);
    expect(history).toContain('Changed');
    expect(await page.$('[data-testid=training-lapsed]')).toBeNull();
    await shot('04-person-history');

    await page.goto(`${server.url}/#/persons`);
    await page.fill('form[aria-label=person] input[name=name]', '张三');
    await page.waitForSelector('[data-testid=twin-warning]');
    await page.fill('form[aria-label=person] input[name=idDocument]', '330106199001011234');
    await page.click('form[aria-label=person] button[type=submit]');
    await page.waitForSelector('[data-code=E_PERSON_DUPLICATE]');
    expect(await page.getAttribute('[data-code=E_PERSON_DUPLICATE] a[data-testid=fix]', 'href')).toBe(`#/persons/${personId}`);
    await shot('05-person-twin');
  });

  it('an account created in a unit, linked to its staff record', async () => {
    await page.goto(`${server.url}/#/users`);
    await page.fill('form[aria-label=user] input[name=username]', 'zhang.san');
    await page.fill('form[aria-label=user] input[name=displayName]', '张三');
    await page.fill('form[aria-label=user] input[name=password]', TEST_PASSWORD);
    await page.selectOption('form[aria-label=user] select[name=unitId]', { index: 1 });
    await page.selectOption('form[aria-label=user] select[name=personId]', { label: '张三' });
    await page.click('form[aria-label=user] button[type=submit]');
    await page.waitForSelector('[data-testid=user-created]');
    const row = await page.waitForSelector('tr[data-user="zhang.san"]');
    const unitName = await row.$eval('select[name=unitId]', (s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    expect(unitName).not.toBe('');
    expect(await row.textContent()).toContain('Staff of the unit');
    expect(await page.inputValue('form[aria-label=user] input[name=username]')).toBe('');
    const users = await admin.call<{ username: string; unitId: string | null; personId: string | null }[]>('GET', '/api/users');
    expect(users.find((u) => u.username === 'zhang.san')).toMatchObject({ unitId: expect.any(String), personId: expect.stringMatching(/^psn/) });
    await shot('06-users');
  });

  it('a grant over one camera: requested by one administrator, approved by a second with a note, then revoked', async () => {
    // The second administrator: given at once within the bootstrap window (README, "Bootstrap window").
    const unitId = (await admin.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    const dates = { entryVettingAt: TODAY, confidentialityEducationAt: TODAY, jobTrainingAt: TODAY, confidentialityAgreementAt: TODAY };
    const person = await admin.call<{ id: string }>('POST', '/api/persons', { unitId, name: '李四', ...dates });
    const second = await admin.call<{ id: string }>('POST', '/api/users', { username: 'admin2', displayName: 'Second Admin', password: TEST_PASSWORD, unitId, personId: person.id });
    const bootstrap = await admin.call<{ status: string }>('POST', '/api/grants', { userId: second.id, roleId: 'role-administrator', scopeType: 'ALL', reason: 'second administrator' });
    expect(bootstrap.status).toBe('ACTIVE');
    codes.set('admin2', await (await ApiSession.signIn(server.url, 'admin2', TEST_PASSWORD)).enrolTotp());

    await page.goto(`${server.url}/#/grants`);
    const form = 'form[aria-label=grant-request]';
    await page.waitForSelector(`${form} select[name=userId] option:has-text("zhang.san")`, { state: 'attached' });
    await page.waitForSelector(`${form} select[name=roleId] option:has-text("Monitor operator")`, { state: 'attached' });
    await page.selectOption(`${form} select[name=userId]`, { label: '张三 (zhang.san)' });
    await page.selectOption(`${form} select[name=roleId]`, { label: 'Monitor operator' });
    await page.selectOption(`${form} select[name=scopeType]`, 'CAMERA');
    await page.selectOption(`${form} select[name=scopeId]`, { label: camera.name });
    await page.fill(`${form} input[name=reason]`, 'Entrance monitoring duty');
    await page.click(`${form} button[type=submit]`);
    let row = await grantRow('PENDING');
    expect(await row.textContent()).toContain(`One camera: ${camera.name}`);
    expect(await row.textContent()).toContain('Pending approval');
    expect(await row.textContent()).toContain('Monitor operator');
    // The requester may not approve their own request.
    await row.$eval('button:has-text("Approve")', (b: HTMLButtonElement) => b.click());
    await page.waitForSelector('[data-code=E_SELF_APPROVAL]');
    expect(await page.textContent('[data-code=E_SELF_APPROVAL]')).toContain('Another administrator must decide this.');
    await shot('07-grant-requested');

    await page.click('header.bar button:has-text("Sign out")');
    await signIn('admin2');
    await page.goto(`${server.url}/#/grants`);
    row = await grantRow('PENDING');
    await row.$eval('input[name=note]', (i: HTMLInputElement) => i.focus());
    await page.keyboard.type('Checked the duty roster');
    await row.$eval('button:has-text("Approve")', (b: HTMLButtonElement) => b.click());
    row = await grantRow('ACTIVE');
    expect(await row.textContent()).toContain('Note: Checked the duty roster');
    await shot('08-grant-approved');

    await row.$eval('button:has-text("Revoke")', (b: HTMLButtonElement) => b.click());
    await page.fill('form[aria-label=revoke] input[name=revokeReason]', 'Moved to another post');
    await page.click('form[aria-label=revoke] button[type=submit]');
    row = await grantRow('REVOKED');
    expect(await row.textContent()).toContain('Revoked');
    await shot('09-grant-revoked');
    const grants = await admin.call<{ userId: string; status: string; scopeType: string; scopeId: string; decisionNote: string }[]>('GET', '/api/grants?status=REVOKED');
    expect(grants).toEqual([expect.objectContaining({ scopeType: 'CAMERA', scopeId: camera.id, decisionNote: 'Checked the duty roster' })]);
  });

  it('a reset of an administrator\'s second factor waits for another administrator (four eyes)', async () => {
    await page.goto(`${server.url}/#/users`);
    const row = await page.waitForSelector('tr[data-user=admin]');
    await row.$eval('button:has-text("Reset second factor")', (b: HTMLButtonElement) => b.click());
    await page.waitForSelector('tr[data-user=admin] [role=status]:has-text("waits for a second administrator")');
    await page.goto(`${server.url}/#/grants`);
    const pending = await page.waitForSelector('section[aria-label=credential-resets] tr:has-text("First Admin (admin)")');
    expect(await pending.textContent()).toContain('Second factor');
    expect(await pending.textContent()).toContain('Second Admin (admin2)');
    // The requester cannot approve it.
    await pending.$eval('button:has-text("Approve")', (b: HTMLButtonElement) => b.click());
    await page.waitForSelector('section[aria-label=credential-resets] [data-code=E_SELF_APPROVAL]');
    await shot('10-reset-pending');
    const first = (await admin.call<{ username: string; totpEnabled: boolean }[]>('GET', '/api/users')).find((u) => u.username === 'admin');
    expect(first?.totpEnabled).toBe(true);
    expect(cspViolations).toEqual([]);
  });
});
