import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { STRONG_PASSWORD } from '../helpers/temp-core';

export { STRONG_PASSWORD };

interface ClinicForm {
  name: string;
  contactEmail: string;
  fullName: string;
  email: string;
  password?: string;
}

export const clinicForm = (name: string, owner = `owner@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`): ClinicForm => ({
  name,
  contactEmail: `desk@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
  fullName: 'Dana Owner',
  email: owner,
});

/** The header's clinic name, waited for: the proof a screen is signed in to that clinic. */
export async function expectClinic(page: Page, name: string): Promise<void> {
  // a switch commits to the clinic's file (synced): on a busy machine that outlasted poll's 1 s default
  await expect.poll(() => page.getByTestId('clinic-name').textContent(), { timeout: 5000 }).toBe(name);
}

export async function openRegistration(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Register a clinic' }).click();
  await page.getByRole('heading', { name: 'Register a clinic' }).waitFor();
}

/** Fills the registration form as a person would (the code is left as suggested) and submits. */
export async function fillRegistration(page: Page, form: ClinicForm): Promise<void> {
  await page.getByLabel('Clinic name').fill(form.name);
  await page.getByLabel('Contact email').fill(form.contactEmail);
  await page.getByLabel('Your name').fill(form.fullName);
  await page.getByLabel('Your email').fill(form.email);
  await page.getByLabel('Password').fill(form.password ?? STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Register clinic' }).click();
}

export async function signIn(page: Page, email: string, password = STRONG_PASSWORD): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** The text of the message beside a field, found through the field's own aria-describedby. */
export async function fieldMessage(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.at(-1) ?? '';
}
