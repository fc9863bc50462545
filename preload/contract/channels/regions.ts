import { z } from 'zod';
import { channel } from '../define';
import { byIdInput, deletedFilter, idSchema, listInput, requiredText, searchText, type Page } from './common';

export interface Region {
  id: string;
  name: string;
  code: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

const regionFields = {
  name: requiredText(120),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/, 'Use 1 to 16 letters, digits or hyphens, such as NORTH-1.'),
};

export const regionsChannels = {
  'regions:list': channel<Page<Region>>()(listInput(['name', 'code', 'createdAt'], { q: searchText, deleted: deletedFilter })),
  'regions:get': channel<Region>()(byIdInput),
  'regions:create': channel<Region>()(z.strictObject(regionFields)),
  'regions:update': channel<Region>()(z.strictObject({ id: idSchema, ...regionFields }).partial().required({ id: true })),
  'regions:delete': channel<Region>()(byIdInput),
  'regions:restore': channel<Region>()(byIdInput),
};
