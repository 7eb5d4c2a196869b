// Backups (issue 12, point 8): `npm run backup` takes a consistent copy while
// the server runs and citizens keep sending answers; `npm run restore` puts it
// in place in a fresh data dir (server stopped), and the server started there
// has every response that was acknowledged before the backup began, each
// whole, and exports them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { ADMIN } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { answerRest, OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';

const work = mkdtempSync(join(tmpdir(), 'survey-backup-'));
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  rmSync(work, { recursive: true, force: true });
});

const ENV = { LOG_LEVEL: 'warn', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password };

/** npm run <script> -- <args> on a data dir, as an operator runs it; resolves to its exit and output. */
function command(script: 'backup' | 'restore', dataDir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Answers written by all citizens so far: each a write to the database. */
let answersWritten = 0;

/** One citizen's whole response against the running server; resolves once it is acknowledged (the receipt). */
async function respond(base: string, answers: typeof OLDER_RETIRED): Promise<void> {
  const citizen = new Browser(base);
  await citizen.visit('/s/demo');
  const first = await citizen.submit('/s/demo');
  await answerRest(citizen, first, answers, { onPage: () => void (answersWritten += 1) });
  const sent = await citizen.post('/s/demo/check');
  expect(sent.location).toBe('/s/demo/receipt');
}

const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT r.id, r.language, r.submitted_date, (SELECT group_concat(question_id || '=' || code) FROM answers WHERE response_id = r.id) AS answers,
                c.segment FROM responses r LEFT JOIN classifications c ON c.response_id = r.id ORDER BY r.id`,
      )
      .all() as Array<{ id: number; answers: string | null; segment: string | null }>;
  } finally {
    db.close();
  }
};

describe('npm run backup and npm run restore', () => {
  it('copies the database under write load, and the restored server has every acknowledged response', async () => {
    const liveDir = join(work, 'live');
    const server = await startServerProcess({ ...ENV, DATA_DIR: liveDir });
    running.push(server);

    // Four citizens at a time, answering without pause until told to stop.
    let acknowledged = 0;
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, i) => {
      while (!stop) {
        await respond(server.base, i % 2 ? OLDER_RETIRED : WORKING_ADULT);
        acknowledged += 1;
      }
    });
    while (acknowledged < 8) await new Promise((resolve) => setTimeout(resolve, 50));

    const backupFile = join(work, 'survey-backup.sqlite');
    const before = acknowledged;
    const writtenBefore = answersWritten;
    const backup = await command('backup', liveDir, backupFile);
    const during = answersWritten - writtenBefore;
    stop = true;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* to .*survey-backup\.sqlite: \d+ responses, schema version \d+\.\n$/);
    // Citizens kept sending while the backup ran.
    expect(during).toBeGreaterThan(0);
    // One file, nothing half-written left beside it.
    expect(readdirSync(work).filter((f) => f.startsWith('survey-backup'))).toEqual(['survey-backup.sqlite']);

    // While the server runs: no backup over an existing file, no restore over the live database.
    expect(await command('backup', liveDir, backupFile)).toMatchObject({ status: 1, stderr: expect.stringContaining('exists already') });
    expect(await command('restore', liveDir, backupFile)).toMatchObject({ status: 1, stderr: expect.stringContaining('stop the server first') });

    // Every response acknowledged before the backup began is in it, whole: the same answers and classification.
    const copied = rowsOf(backupFile);
    expect(copied.length).toBeGreaterThanOrEqual(before);
    expect(await server.stop()).toBe(0);
    const original = rowsOf(join(liveDir, 'survey.sqlite'));
    expect(copied).toEqual(original.slice(0, copied.length));
    for (const row of copied) expect(row.answers && row.segment, `response ${row.id}`).toBeTruthy();

    // Restored into a fresh data dir, with the server stopped.
    const freshDir = join(work, 'fresh');
    const restored = await command('restore', freshDir, backupFile);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toBe(`Restored ${copied.length} responses from ${backupFile} to ${join(freshDir, 'survey.sqlite')}.\n`);

    const again = await startServerProcess({ ...ENV, DATA_DIR: freshDir });
    running.push(again);
    const admin = new Browser(again.base);
    await admin.visit('/login');
    expect((await admin.post('/login', ADMIN)).location).toBe('/admin');
    const csv = await admin.agent.get('/admin/rounds/demo/export.csv');
    const ids = csv.text.trim().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]));
    expect(ids).toEqual(copied.map((row) => row.id));
    expect(await again.stop()).toBe(0);
    // Two servers, four citizens and a backup on a busy machine.
  }, 120_000);

  it('refuses to restore what is not a survey database, and keeps the database a restore replaces', async () => {
    const dataDir = join(work, 'replaced');
    openDatabase(join(dataDir, 'survey.sqlite')).close();
    const good = join(work, 'good.sqlite');
    expect((await command('backup', dataDir, good)).status).toBe(0);

    const text = join(work, 'notes.txt');
    writeFileSync(text, 'not a database, only some words');
    const refused = await command('restore', dataDir, text);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const replaced = await command('restore', dataDir, good);
    expect(replaced.status).toBe(0);
    const kept = /kept as (.*)\.\n$/.exec(replaced.stdout)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    expect(rowsOf(join(dataDir, 'survey.sqlite'))).toEqual([]);
  });
});
