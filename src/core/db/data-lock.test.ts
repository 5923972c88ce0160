import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { DataFolderInUseError, lockDataFolder } from './data-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a second opener gets (DataFolderInUseError), or undefined when it got the lock. */
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof DataFolderInUseError) return error;
    throw error;
  }
};

describe('the lock of an embedded data folder', () => {
  it('admits one holder, names it (with its address once known) to the next, and is free again once released', () => {
    const folder = join(dir, 'a', 'db');
    const lock = lockDataFolder(folder, { command: 'wsis serve' });
    expect(JSON.parse(readFileSync(join(folder, 'wsis.lock'), 'utf8'))).toMatchObject({ pid: process.pid, command: 'wsis serve' });

    const refused = refusalOf(() => lockDataFolder(folder, { display: './data/db', command: 'wsis user add' }));
    expect(refused?.holder).toMatchObject({ pid: process.pid, command: 'wsis serve' });
    expect(refused?.message).toMatch(
      new RegExp(
        `^The embedded database in \\./data/db is in use by \`wsis serve\` \\(process ${process.pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\. Stop it first, or run the platform on PostgreSQL \\(DATABASE_URL\\), where commands work while it serves\\.$`,
      ),
    );

    lock.update({ url: 'http://127.0.0.1:3000' });
    expect(refusalOf(() => lockDataFolder(folder))?.message).toContain(`(process ${process.pid}, started `);
    expect(refusalOf(() => lockDataFolder(folder))?.message).toContain(' UTC, http://127.0.0.1:3000). Stop it first');

    lock.release();
    lock.release();
    const next = lockDataFolder(folder, { command: 'wsis migrate' });
    expect(JSON.parse(readFileSync(join(folder, 'wsis.lock'), 'utf8'))).toMatchObject({ command: 'wsis migrate' });
    next.release();
  });

  it('is taken by openDatabase for a folder and given back by close(); memory:// databases take none', { timeout: 60_000 }, async () => {
    const folder = join(dir, 'b');
    const first = await openDatabase({ dataDir: folder });
    try {
      await expect(openDatabase({ dataDir: folder })).rejects.toBeInstanceOf(DataFolderInUseError);
      expect(first.dataLock?.holder.pid).toBe(process.pid);
      const { rows } = await first.pool.query<{ n: number }>('select 1 as n');
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: folder });
    await again.close();

    const [a, b] = await Promise.all([openDatabase({ dataDir: 'memory://' }), openDatabase({ dataDir: 'memory://' })]);
    expect(a?.dataLock).toBeUndefined();
    await Promise.all([a?.close(), b?.close()]);
  });
});
