import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/app/content-policy';
import { SIGN_IN_FAILED } from '../../main/core/auth/sign-in';
import { clinicForm, expectClinic, fieldMessage, fillRegistration, openRegistration, signIn, signOut, STRONG_PASSWORD } from './flows';
import { openHarness, type Harness } from './harness/open-harness';
import { CALLER_HEADER } from './harness/protocol';

let harness: Harness;
let page: Page;
const clinic = clinicForm('Riverside Family Practice');

beforeAll(async () => {
  harness = await openHarness();
  page = await harness.newPage();
});
afterAll(async () => harness?.close());

describe('the harness', () => {
  test('serves the renderer under the app’s own CSP, so inline script or eval would fail here too', async () => {
    const response = await page.goto(harness.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  test('refuses a call without this run’s token', async () => {
    const res = await fetch(new URL('rpc', harness.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: 'intruder-0001' },
      body: JSON.stringify({ channel: 'session:get', input: {} }),
    });
    expect(res.status).toBe(403);
  });
});

describe('an owner at the keyboard', () => {
  test('registering shows each problem beside its field and puts the cursor on the first', async () => {
    await openRegistration(page);
    await fillRegistration(page, { ...clinic, contactEmail: 'not-an-email', password: 'password123' });
    await expect.poll(() => fieldMessage(page, 'Contact email')).toBe('Enter a valid email address.');
    // the first field with a message takes the focus, so the fix starts where the cursor is
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('contactEmail');
    await harness.screenshot(page, 'register-invalid-email');

    await page.getByLabel('Contact email').fill(clinic.contactEmail);
    await page.getByRole('button', { name: 'Register clinic' }).click();
    await expect.poll(() => fieldMessage(page, 'Password')).toMatch(/common passwords/);
    await harness.screenshot(page, 'register-common-password');
  });

  test('registers a clinic through the form and lands in it as owner, on a trial', async () => {
    expect(await page.getByLabel('Clinic code').inputValue()).toBe('riverside-family-practice');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await page.getByLabel('Currency').selectOption('EUR');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Register clinic' }).click();
    await expectClinic(page, clinic.name);
    const header = (await page.locator('header').textContent()) ?? '';
    expect(header).toContain('Owner');
    expect(await page.getByTestId('subscription-state').textContent()).toBe('Trial · 14 days left');
    expect(await page.getByText('Europe/Berlin').count()).toBe(1);
    await harness.screenshot(page, 'signed-in-owner');
  });

  test('signs out to the sign-in screen, which says so', async () => {
    await signOut(page);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('You have signed out.');
    await harness.screenshot(page, 'signed-out');
  });

  test('a wrong password shows the one generic message and keeps the person signed out', async () => {
    await signIn(page, clinic.email, 'not the password at all');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(SIGN_IN_FAILED);
    // an unknown email reads exactly the same
    await signIn(page, 'nobody@nowhere.example', STRONG_PASSWORD);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(SIGN_IN_FAILED);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByTestId('clinic-name').count()).toBe(0);
    await harness.screenshot(page, 'sign-in-refused');
  });

  test('signs in with the keyboard alone: Tab between fields, Enter to submit', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'));
    expect(await focused()).toBe('username');
    await page.keyboard.type(clinic.email);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('current-password');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expectClinic(page, clinic.name);
  });

  test('a reload keeps the session, as a window reload in the app does', async () => {
    await page.reload();
    await expectClinic(page, clinic.name);
  });

  test('changes their own password: the current one must be right, and the new one works at the next sign-in', async () => {
    const newPassword = 'quiet river under old bridges';
    await page.getByRole('navigation').getByRole('button', { name: 'My account' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill(newPassword);
    await page.keyboard.press('Enter');
    await expect.poll(() => fieldMessage(page, 'Current password')).toBe('Not correct.');
    await page.getByLabel('Current password').fill(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Password changed.').count()).toBe(1);
    await harness.screenshot(page, 'password-changed');
    await signOut(page);
    await signIn(page, clinic.email, newPassword);
    await expectClinic(page, clinic.name);
  });

  test('after the clinic’s idle time without activity, main ends the session and the screen says why', async () => {
    await harness.advanceClock(16 * 60_000);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toMatch(/signed out after 15 minutes without activity/);
    await harness.screenshot(page, 'idle-signed-out');
  });
});
