// `npm run round`, `npm run token` and `npm run reclassify` (shared/contract.md,
// "Running"), run as a municipal IT script would, on the data dir of a running
// app: what they do shows in the app at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { npmRun } from '../helpers/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'survey-admin-cli-'));
let target: TestApp;
beforeAll(async () => {
  target = await testApp({ env: { DATA_DIR: dataDir } });
});
afterAll(() => {
  target.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (script: string, args: string[]) => npmRun(script, args, { dataDir });

describe('npm run round', { timeout: 60_000 }, () => {
  it('creates a round with its days, refuses a bad or taken slug and a bad date in one line, and closes and opens it', async () => {
    const created = run('round', ['create', '--slug', 'var-2027', '--name', 'Digital deltakelse 2027', '--opens', '2026-01-01', '--closes', '2099-12-31']);
    expect(created).toMatchObject({ status: 0, stderr: '' });
    expect(target.stores.rounds.bySlug('var-2027')).toMatchObject({ title: 'Digital deltakelse 2027', opensDate: '2026-01-01', closesDate: '2099-12-31', organisation: 'Demo kommune' });
    expect((await new Browser(target).visit('/s/var-2027')).status).toBe(200);

    for (const [args, message] of [
      [['create', '--slug', 'var-2027', '--name', 'Igjen'], /--slug: var-2027 has been used before/],
      [['create', '--slug', 'Store Bokstaver', '--name', 'X'], /^--slug: The short name can only have lower-case letters/],
      [['create', '--slug', 'dato', '--name', 'X', '--closes', '2027-02-30'], /^--closes: Write the date as year-month-day/],
      [['close', '--slug', 'finnes-ikke'], /^There is no round finnes-ikke\.$/],
    ] as const) {
      const refused = run('round', [...args]);
      expect(refused.status, args.join(' ')).not.toBe(0);
      expect(refused.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(refused.stderr.trim()).toMatch(message);
    }
    expect(target.stores.rounds.bySlug('dato')).toBeUndefined();

    expect(run('round', ['close', '--slug', 'var-2027']).status).toBe(0);
    expect((await new Browser(target).visit('/s/var-2027')).status).toBe(410);
    expect(run('round', ['close', '--slug', 'var-2027']).status).not.toBe(0);
    expect(run('round', ['open', '--slug', 'var-2027']).status).toBe(0);
    expect((await new Browser(target).visit('/s/var-2027')).status).toBe(200);
    const events = target.db.conn.prepare("SELECT event, via FROM audit_log WHERE round_id = (SELECT id FROM rounds WHERE slug = 'var-2027') ORDER BY id").all();
    expect(events).toEqual([
      { event: 'round_created', via: 'cli' },
      { event: 'round_closed', via: 'cli' },
      { event: 'round_opened', via: 'cli' },
    ]);
  });
});

describe('npm run token', { timeout: 60_000 }, () => {
  it('prints a new token on the last line of stdout, which opens the export until it is revoked', async () => {
    const created = run('token', ['create', '--name', 'bi-skript']);
    expect(created.status).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^dus_[A-Za-z0-9_-]{43}$/);
    const fetch = () => request(target.app).get('/admin/rounds/demo/export.csv').set('Authorization', `Bearer ${token}`);
    expect((await fetch()).status).toBe(200);
    const again = run('token', ['create', '--name', 'bi-skript']);
    expect(again.status).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(run('token', ['revoke', '--name', 'bi-skript'])).toMatchObject({ status: 0 });
    expect((await fetch()).status).toBe(401);
    expect(run('token', ['revoke', '--name', 'bi-skript']).status).not.toBe(0);
  });
});
