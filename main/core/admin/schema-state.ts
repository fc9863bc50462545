import type { MigrationState } from '../db/migrator';
import type { TenantRefusal } from '../tenancy/tenant-errors';

/** Where a database stands against this build's migrations, as the admin commands print it. */
export type SchemaState =
  | { state: 'up-to-date' }
  | { state: 'pending'; pending: number }
  | { state: 'missing' }
  | { state: 'refused'; reason: TenantRefusal };

/** A database carrying migrations this build does not know is refused, as opening it would be. */
export function schemaStateOf(migrations: MigrationState): SchemaState {
  if (migrations.unknown.length) return { state: 'refused', reason: 'newer-schema' };
  if (migrations.pending.length) return { state: 'pending', pending: migrations.pending.length };
  return { state: 'up-to-date' };
}

export function describeSchemaState(schema: SchemaState): string {
  switch (schema.state) {
    case 'up-to-date':
      return 'up to date';
    case 'pending':
      return `${schema.pending} pending`;
    case 'missing':
      return 'missing file';
    case 'refused':
      return `refused: ${schema.reason}`;
  }
}
