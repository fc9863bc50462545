import { clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { patientBalance } from './balance';
import { refundPayment, takePayment } from './take-payment';
import { getReceipt, listPayments } from './view';

export const paymentsHandlers = {
  'payments:create': clinicWriter('payments:write', (ctx, input) => takePayment(ctx, input)),
  'payments:list': clinicReader('payments:read', (ctx, input) => listPayments(ctx, input)),
  'payments:get': clinicReader('payments:read', (ctx, input) => getReceipt(ctx, input.id)),
  'payments:refund': clinicWriter('payments:refund', (ctx, input) => refundPayment(ctx, input)),
  'payments:balance': clinicReader('payments:read', (ctx, input) => patientBalance(ctx, input.patientId)),
} satisfies Partial<HandlerTable>;
