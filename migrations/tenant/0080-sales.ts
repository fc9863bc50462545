import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../main/core/db/migrator';

/** Raises in a trigger: the guarantee holds for every writer, not only for our services. */
const refuse = (message: string) => sql.raw(`select raise(abort, '${message}')`);

/**
 * The clinic's document numbers (receipts, refunds, sales), the catalogue, sales with their
 * lines, and the stock ledger. Sales are financial records: the database refuses to delete them
 * or to change an amount once written; a sale is voided instead.
 */
export const sales: Migration = {
  name: '0080-sales',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('document_numbers')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      .addColumn('last_value', 'integer', (c) => c.notNull().check(sql`last_value >= 0`))
      .execute();
    await sql`insert into document_numbers (kind, last_value) values ('receipt', 0), ('refund', 0), ('sale', 0)`.execute(db);
    // a number once handed out is never handed out again
    await sql`create trigger document_numbers_only_up before update on document_numbers
      when new.last_value <= old.last_value begin ${refuse('document numbers only go up')}; end`.execute(db);
    await sql`create trigger document_numbers_no_delete before delete on document_numbers
      begin ${refuse('document numbers cannot be removed')}; end`.execute(db);

    await db.schema
      .createTable('catalogue_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('product', 'service')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('price_minor', 'integer', (c) => c.notNull().check(sql`price_minor >= 0`))
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull().check(sql`tax_rate_bp between 0 and 10000`))
      .addColumn('stock', 'integer', (c) => c.check(sql`stock >= 0`))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('catalogue_items_stock_for_products', sql`(kind = 'product') = (stock is not null)`)
      .execute();
    await sql`create unique index catalogue_items_code on catalogue_items (code collate nocase) where code is not null`.execute(db);
    await sql`create index catalogue_items_name on catalogue_items (name collate nocase, id)`.execute(db);
    await sql`create trigger catalogue_items_no_delete before delete on catalogue_items
      begin ${refuse('catalogue items are deactivated, not deleted')}; end`.execute(db);

    await db.schema
      .createTable('sales')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sale_number', 'text', (c) => c.notNull().unique())
      .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('gross_minor', 'integer', (c) => c.notNull().check(sql`gross_minor >= 0`))
      .addColumn('discount_minor', 'integer', (c) => c.notNull().check(sql`discount_minor >= 0`))
      .addColumn('net_minor', 'integer', (c) => c.notNull().check(sql`net_minor >= 0`))
      .addColumn('tax_minor', 'integer', (c) => c.notNull().check(sql`tax_minor >= 0`))
      .addColumn('total_minor', 'integer', (c) => c.notNull().check(sql`total_minor >= 0`))
      .addColumn('note', 'text')
      .addColumn('sold_at', 'text', (c) => c.notNull())
      .addColumn('sold_by', 'text')
      .addColumn('sold_by_name', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('completed', 'void')`))
      .addColumn('voided_at', 'text')
      .addColumn('voided_by', 'text')
      .addColumn('voided_by_name', 'text')
      .addColumn('void_reason', 'text')
      .addCheckConstraint('sales_totals_add_up', sql`net_minor = gross_minor - discount_minor and total_minor = net_minor + tax_minor`)
      .addCheckConstraint('sales_void_fields', sql`(status = 'void') = (voided_at is not null)`)
      .execute();
    await db.schema.createIndex('sales_sold_at').on('sales').columns(['sold_at', 'id']).execute();
    await db.schema.createIndex('sales_patient').on('sales').columns(['patient_id', 'sold_at']).execute();
    await sql`create trigger sales_no_delete before delete on sales begin ${refuse('sales are voided, not deleted')}; end`.execute(db);
    await sql`create trigger sales_amounts_fixed before update of sale_number, currency, gross_minor, discount_minor, net_minor, tax_minor, total_minor, sold_at on sales
      begin ${refuse('a sale cannot be changed once made')}; end`.execute(db);
    await sql`create trigger sales_void_final before update of status on sales when old.status = 'void'
      begin ${refuse('a void sale stays void')}; end`.execute(db);

    await db.schema
      .createTable('sale_lines')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
      .addColumn('item_name', 'text', (c) => c.notNull())
      .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('product', 'service')`))
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn('list_price_minor', 'integer', (c) => c.notNull().check(sql`list_price_minor >= 0`))
      .addColumn('unit_price_minor', 'integer', (c) => c.notNull().check(sql`unit_price_minor >= 0`))
      .addColumn('discount_type', 'text', (c) => c.check(sql`discount_type in ('amount', 'percent')`))
      .addColumn('discount_value', 'integer')
      .addColumn('gross_minor', 'integer', (c) => c.notNull())
      .addColumn('discount_minor', 'integer', (c) => c.notNull().check(sql`discount_minor >= 0`))
      .addColumn('net_minor', 'integer', (c) => c.notNull().check(sql`net_minor >= 0`))
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('tax_minor', 'integer', (c) => c.notNull().check(sql`tax_minor >= 0`))
      .addColumn('total_minor', 'integer', (c) => c.notNull())
      .addCheckConstraint('sale_lines_add_up', sql`gross_minor = quantity * unit_price_minor and net_minor = gross_minor - discount_minor and total_minor = net_minor + tax_minor`)
      .addCheckConstraint('sale_lines_discount_fields', sql`(discount_type is null) = (discount_value is null)`)
      .addUniqueConstraint('sale_lines_sale_line', ['sale_id', 'line_no'])
      .execute();
    await db.schema.createIndex('sale_lines_item').on('sale_lines').columns(['item_id']).execute();
    await sql`create trigger sale_lines_no_delete before delete on sale_lines begin ${refuse('sale lines cannot be removed')}; end`.execute(db);
    await sql`create trigger sale_lines_no_update before update on sale_lines begin ${refuse('sale lines cannot be changed')}; end`.execute(db);

    // every change of stock, so that a count on the shelf can be reconciled with the screen
    await db.schema
      .createTable('stock_movements')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
      .addColumn('delta', 'integer', (c) => c.notNull().check(sql`delta <> 0`))
      .addColumn('stock_after', 'integer', (c) => c.notNull().check(sql`stock_after >= 0`))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'adjustment', 'sale', 'void')`))
      .addColumn('note', 'text')
      .addColumn('sale_id', 'text', (c) => c.references('sales.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('user_name', 'text')
      .execute();
    await db.schema.createIndex('stock_movements_item').on('stock_movements').columns(['item_id', 'id']).execute();
    await db.schema.createIndex('stock_movements_sale').on('stock_movements').column('sale_id').execute();
    await sql`create trigger stock_movements_no_delete before delete on stock_movements begin ${refuse('the stock ledger is append-only')}; end`.execute(db);
  },
};
