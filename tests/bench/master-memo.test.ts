import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MasterMemo } from '../../main/core/master/master-memo';
import { expectError, registerViaApi, startApi, type Api } from '../helpers/api';
import { startTempCore, type TempCore } from '../helpers/temp-core';

describe('MasterMemo', () => {
  let t: TempCore;
  let loads: number;
  const load = async () => ++loads;
  beforeEach(async () => {
    t = await startTempCore();
    loads = 0;
  });
  afterEach(async () => t.dispose());

  test('reads once while master is unchanged', async () => {
    const memo = new MasterMemo(t.core.master);
    for (let i = 0; i < 3; i++) {
      await memo.refresh();
      expect(await memo.get('k', load)).toBe(1);
    }
    expect(loads).toBe(1);
  });

  test('reads again after this process wrote master', async () => {
    const memo = new MasterMemo(t.core.master);
    await memo.refresh();
    await memo.get('k', load);
    await t.core.master.updateTable('plans').set({ trial_days: 30 }).where('code', '=', 'basic').execute();
    await memo.refresh();
    expect(await memo.get('k', load)).toBe(2);
  });

  test('a value read while master changed is used by its caller once, not kept', async () => {
    const memo = new MasterMemo(t.core.master);
    await memo.refresh();
    let finishRead!: () => void;
    const slow = memo.get('k', async () => {
      await new Promise<void>((resolve) => (finishRead = resolve));
      return 'read before the change';
    });
    await t.core.master.updateTable('plans').set({ trial_days: 30 }).where('code', '=', 'basic').execute();
    await memo.refresh();
    finishRead();
    expect(await slow).toBe('read before the change');
    expect(await memo.get('k', async () => 'read after it')).toBe('read after it');
  });

  test('reads again after another process wrote master', async () => {
    const memo = new MasterMemo(t.core.master);
    await memo.refresh();
    await memo.get('k', load);
    const other = new Database(t.core.layout.masterPath);
    other.prepare(`update plans set trial_days = 30 where code = 'basic'`).run();
    other.close();
    await memo.refresh();
    expect(await memo.get('k', load)).toBe(2);
  });
});

describe('the dispatcher over the memo', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => api.dispose());

  test('a membership disabled by another process (the CLI) is refused on the very next call', async () => {
    const owner = await registerViaApi(api, 'Memo Clinic');
    await owner.ok('patients:list', {});
    const cli = new Database(api.core.layout.masterPath);
    cli.prepare('update memberships set disabled = 1 where user_id = ?').run(owner.userId);
    cli.close();
    expectError(await owner.call('patients:list', {}), 'FORBIDDEN');
  });

  test('a subscription ended by this process turns the next write read-only', async () => {
    const owner = await registerViaApi(api, 'Memo Clinic');
    await owner.ok('patients:list', {});
    await api.core.master.updateTable('subscriptions').set({ status: 'cancelled' }).execute();
    expectError(await owner.call('patients:create', { firstName: 'Ada', lastName: 'Lovelace', dob: '1990-01-01' }), 'SUBSCRIPTION_READ_ONLY');
  });
});
