import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clinicForm, expectClinic, fillRegistration, openRegistration, signIn, signOut, STRONG_PASSWORD } from './flows';
import { openHarness, type Harness } from './harness/open-harness';

let harness: Harness;
let page: Page;
const north = clinicForm('Northside Clinic');
const harbour = clinicForm('Harbour Health Centre');
const manager = { fullName: 'Morgan Reyes', email: 'morgan@practice.example' };

const userRow = (name: string) => page.getByRole('row').filter({ hasText: name });

async function openUsers(): Promise<void> {
  await page.getByRole('button', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users' }).waitFor();
}

beforeAll(async () => {
  harness = await openHarness();
  page = await harness.newPage();
});
afterAll(async () => harness?.close());

describe('a practice manager with two clinics', () => {
  test('an owner creates the manager as a user of the first clinic', async () => {
    await openRegistration(page);
    await fillRegistration(page, north);
    await expectClinic(page, north.name);
    await openUsers();
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Full name').fill(manager.fullName);
    await form.getByLabel('Email').fill(manager.email);
    await form.getByLabel('First password').fill(STRONG_PASSWORD);
    await form.getByLabel('Role').selectOption({ label: 'Practice manager' });
    await form.getByRole('button', { name: 'Create user' }).click();
    await userRow(manager.fullName).waitFor();
    expect(await userRow(manager.fullName).getByRole('combobox').inputValue()).toBe('manager');
    expect(await form.getByLabel('Full name').inputValue()).toBe('');
    await harness.screenshot(page, 'users-page');
    await signOut(page);
  });

  test('the owner of a second clinic adds the same person by email', async () => {
    await openRegistration(page);
    await fillRegistration(page, harbour);
    await expectClinic(page, harbour.name);
    await openUsers();
    const form = page.getByRole('form', { name: 'Add an existing user' });
    await form.getByLabel('Their email').fill('nobody@practice.example');
    await form.getByRole('button', { name: 'Add to clinic' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('No account uses this email.');
    await form.getByLabel('Their email').fill(manager.email);
    await form.getByLabel('Role in this clinic').selectOption('manager');
    await form.getByRole('button', { name: 'Add to clinic' }).click();
    await userRow(manager.fullName).waitFor();
    await signOut(page);
  });

  test('Ctrl+K, a few letters and Enter switch to the other clinic, whose name the header then shows', async () => {
    await signIn(page, manager.email);
    await page.getByTestId('clinic-name').waitFor();
    const first = await page.getByTestId('clinic-name').textContent();
    const other = first === north.name ? harbour : north;
    expect(await page.locator('header').textContent()).toContain('Practice manager');

    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Switch clinic' });
    await dialog.waitFor();
    await page.keyboard.type(other.name.slice(0, 5).toLowerCase());
    await harness.screenshot(page, 'clinic-switcher');
    await page.keyboard.press('Enter');
    await expectClinic(page, other.name);
    expect(await dialog.isVisible()).toBe(false);
    // the keyboard carries on from the top of the new clinic's page
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(other.name);
    await harness.screenshot(page, 'switched-clinic');

    // and back, with the arrow keys this time, pressed in one burst as a fast typist does: no
    // render happens between the keys, so Enter must act on the highlight the arrows left
    await page.keyboard.press('Control+k');
    await dialog.waitFor();
    const searchSeen = await page.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      const seen = input.value;
      for (const key of ['ArrowDown', 'ArrowUp', 'Enter']) input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      return seen;
    });
    // the moment it opens, the last search is already gone (the keys read the input as it is)
    expect(searchSeen).toBe('');
    await expectClinic(page, first ?? '');
  });

  test('Escape closes the switcher and stays in the same clinic', async () => {
    const before = await page.getByTestId('clinic-name').textContent();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Switch clinic' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Switch clinic' }).waitFor({ state: 'hidden' });
    expect(await page.getByTestId('clinic-name').textContent()).toBe(before);
    await signOut(page);
  });

  test('an owner changes the manager’s role and then disables them in one clinic only', async () => {
    await signIn(page, harbour.email);
    await expectClinic(page, harbour.name);
    await openUsers();
    const row = userRow(manager.fullName);
    await row.getByRole('combobox').selectOption('viewer');
    await row.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => userRow(manager.fullName).getByRole('button', { name: 'Save role' }).isDisabled()).toBe(true);
    expect(await userRow(manager.fullName).getByRole('combobox').inputValue()).toBe('viewer');
    await userRow(manager.fullName).getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => userRow(manager.fullName).textContent()).toContain('Disabled');
    await signOut(page);

    await signIn(page, manager.email);
    await expectClinic(page, north.name);
    // one clinic left, so there is nothing to switch to
    expect(await page.getByRole('button', { name: /Switch clinic/ }).count()).toBe(0);
  });
});
