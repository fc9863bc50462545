/**
 * Everything a signed-in person can be allowed to do inside a clinic. Each clinic channel names
 * exactly one of these; the role table in auth/permissions.ts says which roles hold which.
 */
export const ACTIONS = [
  'reference:read',
  'reference:write',
  'patients:read',
  'patients:write',
  'patients:merge',
  'patients:privacy',
  'appointments:read',
  'appointments:write',
  'appointments:notes',
  'appointments:override',
  'payments:read',
  'payments:write',
  'payments:refund',
  'sales:read',
  'sales:write',
  'sales:void',
  'catalogue:write',
  'reports:read',
  'reports:manage',
  'audit:read',
  'records:restore',
  'users:read',
  'users:manage',
  'subscription:read',
  'subscription:manage',
  'settings:manage',
  'backup:run',
  'backup:restore',
  'clinic:export',
  'clinic:archive',
] as const;

export type Action = (typeof ACTIONS)[number];
