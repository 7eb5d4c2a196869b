// `npm start` as an operator runs it (the same command line as package.json's
// start script): a real process on a fresh data dir, the demo round, the first
// admin's password printed once, and a clean stop on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'survey-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const startServer = () => startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

describe('npm start', () => {
  it('serves the demo round, prints the first admin password once, and exits 0 on SIGTERM', async () => {
    const first = await startServer();
    expect(first.output()).toMatch(/username: admin\n\s+password: \S{20,}/);
    const root = await fetch(`${first.base}/`, { redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe('/s/demo');
    const startPage = await fetch(`${first.base}/s/demo`);
    expect(await startPage.text()).toContain('data-page="start"');
    expect(await first.stop()).toBe(0);

    const second = await startServer();
    expect(second.output()).not.toContain('password:');
    expect(await second.stop()).toBe(0);
  });
});
