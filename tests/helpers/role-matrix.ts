import { expect, test } from 'vitest';
import type { Role } from '../../preload/contract/vocabulary';
import type { SignedIn } from './api';

export type Attempt = (who: SignedIn) => Promise<{ ok: boolean; error?: { code: string } }>;

/**
 * One test per role: every attempt is made as that role, and exactly the allowed ones succeed;
 * the others are FORBIDDEN (any other outcome, success or error, fails the test).
 */
export function roleMatrix(as: () => Partial<Record<Role, SignedIn>>, attempts: Record<string, Attempt>, allowed: Record<Role, string[]>): void {
  for (const role of Object.keys(allowed) as Role[]) {
    test(`${role}: ${allowed[role].join(', ') || 'nothing'}`, async () => {
      const outcome: Record<string, string> = {};
      for (const [name, attempt] of Object.entries(attempts)) {
        const r = await attempt(as()[role]!);
        outcome[name] = r.ok ? 'ok' : r.error!.code;
      }
      expect(outcome).toEqual(Object.fromEntries(Object.keys(attempts).map((n) => [n, allowed[role].includes(n) ? 'ok' : 'FORBIDDEN'])));
    });
  }
}
