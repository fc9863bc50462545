import type { Generated } from 'kysely';
import type { ItemKind, STOCK_REASONS } from '../../../../preload/contract/channels/catalogue';
import type { SaleStatus } from '../../../../preload/contract/channels/sales';

/** Row types of the sales tables, as migration 0080 leaves them. */

export type DocumentKind = 'receipt' | 'refund' | 'sale';

export interface DocumentNumberRow {
  kind: DocumentKind;
  last_value: number;
}

export interface CatalogueItemRow {
  id: string;
  kind: ItemKind;
  name: string;
  code: string | null;
  price_minor: number;
  tax_rate_bp: number;
  /** Null for services. */
  stock: number | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SaleRow {
  id: string;
  sale_number: string;
  patient_id: string | null;
  currency: string;
  gross_minor: number;
  discount_minor: number;
  net_minor: number;
  tax_minor: number;
  total_minor: number;
  note: string | null;
  sold_at: string;
  sold_by: string | null;
  sold_by_name: string | null;
  status: SaleStatus;
  voided_at: string | null;
  voided_by: string | null;
  voided_by_name: string | null;
  void_reason: string | null;
}

export interface SaleLineRow {
  id: Generated<number>;
  sale_id: string;
  line_no: number;
  item_id: string;
  item_name: string;
  item_kind: ItemKind;
  quantity: number;
  list_price_minor: number;
  unit_price_minor: number;
  discount_type: 'amount' | 'percent' | null;
  discount_value: number | null;
  gross_minor: number;
  discount_minor: number;
  net_minor: number;
  tax_rate_bp: number;
  tax_minor: number;
  total_minor: number;
}

export interface StockMovementRow {
  id: Generated<number>;
  item_id: string;
  delta: number;
  stock_after: number;
  kind: (typeof STOCK_REASONS)[number];
  note: string | null;
  sale_id: string | null;
  at: string;
  user_id: string | null;
  user_name: string | null;
}

export interface SalesTables {
  document_numbers: DocumentNumberRow;
  catalogue_items: CatalogueItemRow;
  sales: SaleRow;
  sale_lines: SaleLineRow;
  stock_movements: StockMovementRow;
}
