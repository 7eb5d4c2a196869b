// A production start (issue 12, point 9): `npm run build` compiles the server
// to JavaScript, `npm run start:prod` runs it with node alone (no TypeScript
// loader), and the command-line tools run from the build as the container
// runs them. Docker cannot run here, so the Dockerfile is checked by reading it:
// a build stage and a slim runtime stage without compilers, not root, node in
// the signal path, the data volume and a health check.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServerProcess } from '../helpers/server-process.ts';

const work = mkdtempSync(join(tmpdir(), 'survey-prod-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const built = await new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
  expect(built.status, built.output).toBe(0);
}, 120_000);

describe('npm run build && npm run start:prod', () => {
  it('builds JavaScript with the templates, public files and migrations beside it', () => {
    for (const file of ['server/main.js', 'server/cli/user.js', 'db/connection.js', 'views/layout.ejs', 'public/app.css', 'db/migrations/001_initial.sql']) {
      expect(existsSync(join(ROOT, 'dist', file)), file).toBe(true);
    }
  });

  it('serves the survey and /healthz from the build with node alone, and stops cleanly', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).not.toContain('tsx');
    const server = await startServerProcess({ DATA_DIR: join(work, 'served'), NODE_ENV: 'production', LOG_LEVEL: 'warn' }, { script: 'start:prod' });
    try {
      const health = await fetch(`${server.base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const start = await fetch(`${server.base}/s/demo`);
      expect(await start.text()).toContain('data-page="start"');
      expect(server.output()).toMatch(/username: admin\n\s+password: \S{20,}/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('runs the user command from the build, as in the container', () => {
    const added = spawnSync(process.execPath, ['dist/server/cli/user.js', 'add', '--username', 'ola', '--role', 'staff'], {
      cwd: ROOT,
      input: 'a long enough password\n',
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: join(work, 'users') },
    });
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('Added staff ola.\n');
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = instructions.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);
  const runtime = stages.at(-1) ?? [];

  it('builds in one stage and runs from another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]!.some((line) => /npm run build/.test(line))).toBe(true);
    expect(runtime.some((line) => /^COPY --from=\S+ .*dist/.test(line))).toBe(true);
  });

  it('keeps compilers and development packages out of the image it runs', () => {
    expect(runtime.join('\n')).not.toMatch(/python3|g\+\+|\bmake\b|npm ci(?! --omit=dev)|tsx/);
  });

  it('runs as node, not root, with node itself as the command, a data volume and a health check', () => {
    expect(runtime).toContain('USER node');
    const cmd = runtime.find((line) => line.startsWith('CMD '));
    expect(cmd).toMatch(/^CMD \["node", .*"dist\/server\/main\.js"\]$/);
    expect(runtime.some((line) => /^VOLUME \/data$/.test(line))).toBe(true);
    expect(runtime.some((line) => /^HEALTHCHECK .*\/healthz/.test(line))).toBe(true);
    expect(runtime.join('\n')).toMatch(/DATA_DIR=\/data/);
  });
});
