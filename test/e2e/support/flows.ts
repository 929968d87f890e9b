/** The steps every browser test starts with: the first administrator from the setup link, and signing in with the second factor. */
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../support/app.ts';
import { ApiSession } from './api.ts';

/** Creates the first administrator on the setup page; returns an API session of theirs and their TOTP (enrolled). */
export async function setUpFirstAdministrator(page: Page, setupUrl: string, username: string, displayName: string): Promise<{ api: ApiSession; totp: () => Promise<string> }> {
  await page.goto(setupUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=displayName]', displayName);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('form[aria-label="登录"]');
  const api = await ApiSession.signIn(new URL(setupUrl).origin, username, TEST_PASSWORD);
  return { api, totp: await api.enrolTotp() };
}

/** Signs in on the sign-in page with the password and the current TOTP code, and waits for the bar. */
export async function signInWithTotp(page: Page, username: string, totp: () => Promise<string>): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=totp]');
  await page.fill('input[name=totp]', await totp());
  await page.click('button[type=submit]');
  await page.waitForSelector('header.bar');
}
