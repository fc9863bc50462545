import type { ParsedInput } from '../../../../preload/contract';
import type { SaleDetail, SaleLine, SaleQuote } from '../../../../preload/contract/channels/sales';
import type { ClinicHandlerContext } from '../../api/handler';
import { isAllowed } from '../../auth/permissions';
import { AppError } from '../../errors';
import { recordPayment, recordRefund, refundableOf } from '../payments/record';
import { loadActivePatient } from '../patients/records';
import { clinicWrite, type ClinicWrite } from '../clinic-write';
import { nextDocumentNumber } from './document-number';
import { quoteLines } from './quote';
import { moveStock } from './stock';
import { getSale, saleNotFound } from './view';

const ENTITY = 'sale';

/** Units of each product on a sale, with the first line naming it (for a shortfall's message). */
function productQuantities(lines: readonly Pick<SaleLine, 'itemId' | 'itemName' | 'kind' | 'quantity'>[]) {
  const byItem = new Map<string, { item: { id: string; name: string }; quantity: number; index: number }>();
  lines.forEach((line, index) => {
    if (line.kind !== 'product') return;
    const entry = byItem.get(line.itemId) ?? { item: { id: line.itemId, name: line.itemName }, quantity: 0, index };
    entry.quantity += line.quantity;
    byItem.set(line.itemId, entry);
  });
  return [...byItem.values()];
}

/** The renderer's own preview of a sale, priced by the same code that will make it. */
export const previewSale = (ctx: ClinicHandlerContext, input: ParsedInput<'sales:preview'>): Promise<SaleQuote> =>
  quoteLines(ctx, ctx.clinic.tenant.db, input.lines);

/**
 * One write transaction: the lines priced from the catalogue as it is now, the sale numbered,
 * its products taken off the shelf (never below zero), the payment taken if it was paid at the
 * counter, and the audit entry. Any failure leaves nothing behind, not even a used number.
 */
export async function makeSale(ctx: ClinicHandlerContext, input: ParsedInput<'sales:create'>): Promise<SaleDetail> {
  const id = crypto.randomUUID();
  await clinicWrite(ctx, async (w) => {
    if (input.patientId) await loadActivePatient(w.trx, input.patientId);
    const quote = await quoteLines(ctx, w.trx, input.lines);
    const saleNumber = await nextDocumentNumber(w.trx, 'sale');
    await w.trx
      .insertInto('sales')
      .values({
        id,
        sale_number: saleNumber,
        patient_id: input.patientId,
        currency: quote.currency,
        gross_minor: quote.grossMinor,
        discount_minor: quote.discountMinor,
        net_minor: quote.netMinor,
        tax_minor: quote.taxMinor,
        total_minor: quote.totalMinor,
        note: input.note,
        sold_at: w.now.toISOString(),
        sold_by: w.actor.userId,
        sold_by_name: w.actor.userName,
        status: 'completed',
        voided_at: null,
        voided_by: null,
        voided_by_name: null,
        void_reason: null,
      })
      .execute();
    await w.trx
      .insertInto('sale_lines')
      .values(
        quote.lines.map((l) => ({
          sale_id: id,
          line_no: l.lineNo,
          item_id: l.itemId,
          item_name: l.itemName,
          item_kind: l.kind,
          quantity: l.quantity,
          list_price_minor: l.listPriceMinor,
          unit_price_minor: l.unitPriceMinor,
          discount_type: l.discount?.type ?? null,
          discount_value: l.discount ? (l.discount.type === 'amount' ? l.discount.amountMinor : l.discount.basisPoints) : null,
          gross_minor: l.grossMinor,
          discount_minor: l.discountMinor,
          net_minor: l.netMinor,
          tax_rate_bp: l.taxRateBp,
          tax_minor: l.taxMinor,
          total_minor: l.totalMinor,
        })),
      )
      .execute();
    for (const { item, quantity, index } of productQuantities(quote.lines)) {
      await moveStock(w, { item, delta: -quantity, kind: 'sale', saleId: id, field: `lines.${index}.quantity` });
    }
    await w.audit({
      action: 'create',
      entity: ENTITY,
      entityId: id,
      details: {
        saleNumber,
        patientId: input.patientId,
        totalMinor: quote.totalMinor,
        currency: quote.currency,
        lines: quote.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, priceOverridden: l.priceOverridden })),
      },
    });
    if (input.payment && quote.totalMinor > 0) {
      await recordPayment(w, {
        patientId: input.patientId,
        appointmentId: null,
        saleId: id,
        amountMinor: quote.totalMinor,
        currency: quote.currency,
        method: input.payment.method,
        reference: input.payment.reference,
      });
    }
  });
  return getSale(ctx, id);
}

/** Gives back what was paid through the sale and not yet refunded, each payment by its own method. */
async function refundSalePayments(ctx: ClinicHandlerContext, w: ClinicWrite, saleId: string, saleNumber: string): Promise<number> {
  const payments = await w.trx.selectFrom('payments').selectAll().where('sale_id', '=', saleId).orderBy('receipt_number').execute();
  let refunded = 0;
  for (const payment of payments) {
    const open = await refundableOf(w, payment);
    if (!open) continue;
    if (!isAllowed(ctx.clinic.role, 'payments:refund')) throw new AppError('FORBIDDEN', 'This sale was paid; voiding it refunds the payment, which your role does not allow.');
    await recordRefund(w, payment, { amountMinor: open, method: payment.method, reason: `Sale ${saleNumber} voided` });
    refunded += open;
  }
  return refunded;
}

/**
 * Voids a sale: the row stays (marked void, with who, when and why), its products go back on
 * the shelf, what was paid through it is refunded, and the whole is audited, in one transaction.
 */
export async function voidSale(ctx: ClinicHandlerContext, input: ParsedInput<'sales:void'>): Promise<SaleDetail> {
  await clinicWrite(ctx, async (w) => {
    const sale = await w.trx.selectFrom('sales').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!sale) throw saleNotFound();
    if (sale.status === 'void') throw new AppError('CONFLICT', `Sale ${sale.sale_number} is already void.`);
    await w.trx
      .updateTable('sales')
      .set({ status: 'void', voided_at: w.now.toISOString(), voided_by: w.actor.userId, voided_by_name: w.actor.userName, void_reason: input.reason })
      .where('id', '=', input.id)
      .execute();
    const lines = await w.trx.selectFrom('sale_lines').select(['item_id as itemId', 'item_name as itemName', 'item_kind as kind', 'quantity']).where('sale_id', '=', input.id).orderBy('line_no').execute();
    const restocked: Record<string, number> = {};
    for (const { item, quantity } of productQuantities(lines)) {
      await moveStock(w, { item, delta: quantity, kind: 'void', saleId: input.id });
      restocked[item.id] = quantity;
    }
    const refundedMinor = await refundSalePayments(ctx, w, input.id, sale.sale_number);
    await w.audit({
      action: 'void',
      entity: ENTITY,
      entityId: input.id,
      changes: { status: ['completed', 'void'] },
      details: { saleNumber: sale.sale_number, patientId: sale.patient_id, totalMinor: sale.total_minor, restocked, refundedMinor },
    });
  });
  return getSale(ctx, input.id);
}
