import { clinicReader, clinicWriter, type HandlerTable } from '../../api/handler';
import { adjustStock, createCatalogueItem, getCatalogueItem, listCatalogue, listStockMovements, updateCatalogueItem } from './catalogue';
import { makeSale, previewSale, voidSale } from './make-sale';
import { getSale, listSales } from './view';

export const salesHandlers = {
  // the front desk sells from the catalogue, so reading it comes with sales:read
  'catalogue:list': clinicReader('sales:read', (ctx, input) => listCatalogue(ctx, input)),
  'catalogue:get': clinicReader('sales:read', (ctx, input) => getCatalogueItem(ctx, input.id)),
  'catalogue:movements': clinicReader('sales:read', (ctx, input) => listStockMovements(ctx, input)),
  'catalogue:create': clinicWriter('catalogue:write', (ctx, input) => createCatalogueItem(ctx, input)),
  'catalogue:update': clinicWriter('catalogue:write', (ctx, input) => updateCatalogueItem(ctx, input)),
  'catalogue:adjustStock': clinicWriter('catalogue:write', (ctx, input) => adjustStock(ctx, input)),

  'sales:preview': clinicReader('sales:write', (ctx, input) => previewSale(ctx, input)),
  'sales:create': clinicWriter('sales:write', (ctx, input) => makeSale(ctx, input)),
  'sales:list': clinicReader('sales:read', (ctx, input) => listSales(ctx, input)),
  'sales:get': clinicReader('sales:read', (ctx, input) => getSale(ctx, input.id)),
  'sales:void': clinicWriter('sales:void', (ctx, input) => voidSale(ctx, input)),
} satisfies Partial<HandlerTable>;
