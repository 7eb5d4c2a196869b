// `npm start` as an operator runs it (the same command line as package.json's
// start script): a real process on a fresh data dir, the demo round, the first
// admin's password printed once, and a clean stop on SIGTERM, which lets a
// request already being answered finish.
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';

const work = mkdtempSync(join(tmpdir(), 'survey-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** Each test its own data dir: the first start of one is what the first test is about. */
const startServer = (name: string) => startServerProcess({ DATA_DIR: join(work, name), LOG_LEVEL: 'warn' });

describe('npm start', { timeout: 60_000 }, () => {
  it('serves the demo round, prints the first admin password once, and exits 0 on SIGTERM', async () => {
    const first = await startServer('first');
    expect(first.output()).toMatch(/username: admin\n\s+password: \S{20,}/);
    const root = await fetch(`${first.base}/`, { redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe('/s/demo');
    const startPage = await fetch(`${first.base}/s/demo`);
    expect(await startPage.text()).toContain('data-page="start"');
    expect(await first.stop()).toBe(0);

    const second = await startServer('first');
    expect(second.output()).not.toContain('password:');
    expect(await second.stop()).toBe(0);
  });

  it('finishes a request in flight on SIGTERM, takes no new one, and exits 0', async () => {
    const server = await startServer('in-flight');
    // Another program holds the write lock, so the health check takes a second or so to answer: long enough to be in flight.
    const other = new Database(join(work, 'in-flight', 'survey.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const inFlight = fetch(`${server.base}/healthz`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const exited = server.stop();
      const answer = await inFlight;
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ status: 'unavailable', problem: 'database locked' });
      expect(await exited).toBe(0);
      await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
