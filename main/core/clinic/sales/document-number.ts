import type { Kysely } from 'kysely';
import type { TenantDB } from '../schema';
import type { DocumentKind } from './schema';

const PREFIX: Record<DocumentKind, string> = { receipt: 'R', refund: 'RF', sale: 'S' };

/** R-000042: a prefix for the kind of document and at least six digits. */
const formatDocumentNumber = (kind: DocumentKind, value: number): string => `${PREFIX[kind]}-${String(value).padStart(6, '0')}`;

/**
 * The clinic's next number of a kind. Call it inside the transaction that inserts the document:
 * the counter only goes up (a trigger refuses anything else) and rolls back with a failed insert,
 * so numbers are sequential and none is ever handed out twice.
 */
export async function nextDocumentNumber(trx: Kysely<TenantDB>, kind: DocumentKind): Promise<string> {
  const row = await trx
    .updateTable('document_numbers')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('kind', '=', kind)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return formatDocumentNumber(kind, row.last_value);
}
