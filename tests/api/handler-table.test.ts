import { expect, test } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract';
import { createDispatcher } from '../../main/core/api/dispatcher';
import type { HandlerTable } from '../../main/core/api/handler';
import { checkHandlerTable, HANDLERS, mergeHandlers } from '../../main/core/api/handler-table';
import { startTempCore } from '../helpers/temp-core';

test('every contract channel has exactly one handler, and every handler has a channel', () => {
  expect(() => checkHandlerTable(HANDLERS, CHANNEL_NAMES)).not.toThrow();
  expect(Object.keys(HANDLERS).sort()).toEqual([...CHANNEL_NAMES].sort());
});

test('the check names a channel left without a handler and a handler without a channel', () => {
  const { ['auth:signIn']: _dropped, ...missing } = HANDLERS;
  expect(() => checkHandlerTable(missing, CHANNEL_NAMES)).toThrow(/missing auth:signIn/);
  expect(() => checkHandlerTable({ ...HANDLERS, 'ghost:run': HANDLERS['session:get'] }, CHANNEL_NAMES)).toThrow(/unknown ghost:run/);
});

test('a channel given two handlers is refused when the groups are joined', () => {
  const a = { 'session:get': HANDLERS['session:get'] };
  const b = { 'session:get': HANDLERS['session:get'], 'auth:signOut': HANDLERS['auth:signOut'] };
  expect(() => mergeHandlers(a, b)).toThrow(/session:get has two handlers/);
  expect(Object.keys(mergeHandlers(a, { 'auth:signOut': HANDLERS['auth:signOut'] }))).toEqual(['session:get', 'auth:signOut']);
});

test('the dispatcher refuses to start with an incomplete table', async () => {
  const t = await startTempCore();
  try {
    const { ['users:list']: _dropped, ...rest } = HANDLERS;
    expect(() => createDispatcher(t.core, { emit: () => {}, handlers: rest as unknown as HandlerTable })).toThrow(/missing users:list/);
  } finally {
    await t.dispose();
  }
});
