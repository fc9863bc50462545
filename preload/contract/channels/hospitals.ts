import { z } from 'zod';
import { channel } from '../define';
import { byIdInput, deletedFilter, idSchema, listInput, optionalText, phoneSchema, requiredText, searchText, type Page } from './common';

export interface Hospital {
  id: string;
  name: string;
  regionId: string | null;
  regionName: string | null;
  address: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

const hospitalFields = {
  name: requiredText(120),
  regionId: idSchema.nullish().transform((v) => v ?? null),
  address: optionalText(300),
  phone: phoneSchema,
};

export const hospitalsChannels = {
  'hospitals:list': channel<Page<Hospital>>()(
    listInput(['name', 'createdAt'], { q: searchText, regionId: idSchema.optional(), deleted: deletedFilter }),
  ),
  'hospitals:get': channel<Hospital>()(byIdInput),
  'hospitals:create': channel<Hospital>()(z.strictObject(hospitalFields)),
  'hospitals:update': channel<Hospital>()(z.strictObject({ id: idSchema, ...hospitalFields }).partial().required({ id: true })),
  'hospitals:delete': channel<Hospital>()(byIdInput),
  'hospitals:restore': channel<Hospital>()(byIdInput),
};
