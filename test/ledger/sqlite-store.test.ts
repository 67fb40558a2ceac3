import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoaLedger } from '../../src/ledger.ts';
import { createSqliteLedgerStore } from '../../src/ledger-sqlite.ts';
import { describeLedgerStore } from './store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'p100-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLedgerStore('SQLite through better-sqlite3 (a file, reopened as another connection)', async () => {
  const file = join(dir, 'conformance.db');
  const databases: Database.Database[] = [];
  const open = () => {
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    databases.push(database);
    return createSqliteLedgerStore({ database });
  };
  return { store: open(), reopen: async () => open(), close: async () => databases.forEach((d) => d.close()) };
});

describe('SQLite store', () => {
  it('survives a restart: a new connection on the file decides a retry as a duplicate', async () => {
    const file = join(dir, 'restart.db');
    const context = { receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined };
    const first = new Database(file);
    const before = createPoaLedger({ store: createSqliteLedgerStore({ database: first }) });
    expect((await before.deliver({ externalUserId: 'u-1', status: 'REJECTED' }, () => {}, { context })).decision).toBe('applied');
    first.close();
    const second = new Database(file);
    const after = createPoaLedger({ store: createSqliteLedgerStore({ database: second }) });
    expect((await after.deliver({ externalUserId: 'u-1', status: 'REJECTED' }, () => {}, { context })).decision).toBe('duplicate');
    expect((await after.deliver({ externalUserId: 'u-1', status: 'WAITING' }, () => {}, { context })).decision).toBe('stale');
    second.close();
  });

  it('refuses options that are not a better-sqlite3 database or a table name', () => {
    expect(() => createSqliteLedgerStore({ database: {} as never })).toThrow(TypeError);
    expect(() => createSqliteLedgerStore({ database: new Database(':memory:'), tableName: 'x; drop' })).toThrow(TypeError);
  });

  it('rejects (never decides on) a row with garbage, and a closed database', async () => {
    const database = new Database(':memory:');
    const store = createSqliteLedgerStore({ database });
    await store.recordUpload('u-1', 5);
    database.prepare("UPDATE p100_poa_ledger SET seq = -3").run();
    await expect(store.get('u-1')).rejects.toThrow(/non-negative integer/);
    database.close();
    await expect(store.claim('u-2', { token: 't', now: 1, leaseMs: 10, context: {} })).rejects.toThrow();
  });
});
