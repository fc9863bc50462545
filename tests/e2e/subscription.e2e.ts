import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clinicForm, expectClinic, fieldMessage, fillRegistration, openRegistration, signIn, STRONG_PASSWORD } from './flows';
import { openHarness, type Harness } from './harness/open-harness';

let harness: Harness;
let page: Page;
const clinic = clinicForm('Lakeside Dental');
const DAY = 24 * 60 * 60_000;

async function openTab(name: string): Promise<void> {
  const tab = page.getByRole('navigation').getByRole('button', { name });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-current')).toBe('page');
}

beforeAll(async () => {
  harness = await openHarness();
  page = await harness.newPage();
});
afterAll(async () => harness?.close());

describe('an owner looking after the clinic’s subscription and settings', () => {
  test('the Subscription page shows the plan, the trial and every plan’s price and limits', async () => {
    await openRegistration(page);
    await fillRegistration(page, clinic);
    await expectClinic(page, clinic.name);
    await openTab('Subscription');
    const table = page.getByRole('table', { name: 'Plans' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    expect(await table.getByRole('row').filter({ hasText: 'Basic' }).textContent()).toContain('(current)');
    expect(await page.locator('.facts').textContent()).toContain('Days remaining14');
    await harness.screenshot(page, 'subscription-trial');
  });

  test('the idle sign-out is set in minutes; a value out of range is refused beside the field', async () => {
    await openTab('Settings');
    const field = page.getByLabel('Sign out after this many minutes without activity');
    await expect.poll(() => field.inputValue()).toBe('15');
    await field.fill('0');
    await page.keyboard.press('Enter');
    await expect.poll(() => fieldMessage(page, 'Sign out after this many minutes without activity')).toBe('Use at least 1 minute.');
    await field.fill('30');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
    await openTab('Overview');
    expect(await page.locator('.facts').textContent()).toContain('After 30 minutes without activity');
  });

  test('once the trial has ended the clinic is read-only: the header and a notice say so', async () => {
    await harness.advanceClock(15 * DAY);
    // fifteen days is also far past the idle limit: main has ended the session
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, clinic.email, STRONG_PASSWORD);
    await expectClinic(page, clinic.name);
    expect(await page.getByTestId('subscription-state').textContent()).toBe('Ended · read-only');
    expect(await page.getByTestId('read-only-notice').textContent()).toContain('renew it on the Subscription page');
    await harness.screenshot(page, 'read-only-clinic');
  });

  test('a change refused as read-only says why at the form and keeps what was typed', async () => {
    await openTab('Users');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Full name').fill('Sam Front');
    await form.getByLabel('Email').fill('sam@lakeside.example');
    await form.getByLabel('First password').fill(STRONG_PASSWORD);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/read-only until an owner renews it/);
    expect(await form.getByLabel('Full name').inputValue()).toBe('Sam Front');
    expect(await page.getByTestId('read-only-notice').isVisible()).toBe(true);
    expect(await page.getByRole('row').filter({ hasText: 'Sam Front' }).count()).toBe(0);
    await harness.screenshot(page, 'read-only-refused');
  });

  test('renewing with a paid-until date makes the clinic writable again', async () => {
    await openTab('Subscription');
    const paidUntil = new Date(Date.now() + 15 * DAY + 365 * DAY).toISOString().slice(0, 10);
    await page.getByLabel('Paid until').fill(paidUntil);
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => page.getByTestId('subscription-state').textContent()).toMatch(/^Basic · 36\d days left$/);
    expect(await page.getByTestId('read-only-notice').count()).toBe(0);
    await harness.screenshot(page, 'subscription-active');
  });

  test('when main cannot be reached the screen says something went wrong, with no details', async () => {
    await openTab('Users');
    await page.route('**/rpc', (route) => route.abort());
    await openTab('Overview');
    await openTab('Users');
    const banner = page.locator('.banner-error');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Something went wrong');
    await page.unroute('**/rpc');
    await harness.screenshot(page, 'internal-error');
  });
});
