import type { PaymentMethod } from '../../../../preload/contract/channels/payments';

/** Row types of the payment tables, as migration 0090 leaves them. */

export interface PaymentRow {
  id: string;
  receipt_number: string;
  patient_id: string | null;
  appointment_id: string | null;
  sale_id: string | null;
  amount_minor: number;
  currency: string;
  method: PaymentMethod;
  reference: string | null;
  received_at: string;
  received_by: string | null;
  received_by_name: string | null;
}

export interface RefundRow {
  id: string;
  refund_number: string;
  payment_id: string;
  amount_minor: number;
  method: PaymentMethod;
  reason: string;
  refunded_at: string;
  refunded_by: string | null;
  refunded_by_name: string | null;
}

export interface PaymentTables {
  payments: PaymentRow;
  refunds: RefundRow;
}
