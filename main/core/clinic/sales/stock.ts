import type { StockMovementRow } from './schema';
import { AppError } from '../../errors';
import type { ClinicWrite } from '../clinic-write';

export interface StockChange {
  item: { id: string; name: string };
  delta: number;
  kind: StockMovementRow['kind'];
  note?: string | null;
  saleId?: string | null;
  /** The input field to name when the shelf is short, such as lines.2.quantity. */
  field?: string;
}

/**
 * Changes a product's stock and records the movement, in the caller's write transaction. The
 * update itself carries the "never below zero" condition, so the check and the change are one
 * statement; a shortfall is a CONFLICT naming the item and what is left.
 */
export async function moveStock(w: ClinicWrite, change: StockChange): Promise<number> {
  const { item, delta } = change;
  const row = await w.trx
    .updateTable('catalogue_items')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: w.now.toISOString() }))
    .where('id', '=', item.id)
    .where('stock', 'is not', null)
    .where('stock', '>=', -delta)
    .returning('stock')
    .executeTakeFirst();
  if (row === undefined || row.stock === null) {
    const current = await w.trx.selectFrom('catalogue_items').select('stock').where('id', '=', item.id).executeTakeFirst();
    const left = current?.stock ?? 0;
    throw new AppError('CONFLICT', `Not enough stock of ${item.name}: ${left} left.`, change.field ? { [change.field]: `Only ${left} in stock.` } : undefined);
  }
  await w.trx
    .insertInto('stock_movements')
    .values({
      item_id: item.id,
      delta,
      stock_after: row.stock,
      kind: change.kind,
      note: change.note ?? null,
      sale_id: change.saleId ?? null,
      at: w.now.toISOString(),
      user_id: w.actor.userId,
      user_name: w.actor.userName,
    })
    .execute();
  return row.stock;
}
