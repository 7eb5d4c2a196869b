// The app under test, as an operator runs it in production: built with
// `npm run build` and started with node alone (NODE_ENV=production) on a
// loopback port. The build happens in a copy of the sources inside the
// workspace, so the shared dist/ is left alone and nothing outlives the run.
// When the build fails (work in progress elsewhere), the server runs from the
// sources through tsx, still with NODE_ENV=production, and the results say so.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd } from './processes.ts';
import type { Workspace } from './workspace.ts';
// The same free-port finder as the tests' server processes.
import { freePort } from '../../tests/helpers/server-process.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** What `npm run build` reads; node_modules is linked, not copied. */
const SOURCES = ['server', 'db', 'views', 'public', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

export interface AppBuild {
  readonly kind: 'build' | 'sources';
  /** One line for the report: how the server and the commands ran. */
  readonly note: string;
  /** The folder commands run in. */
  readonly cwd: string;
  /** The command line of the server or of a command-line tool (`seed`, `reclassify`, `token`); undefined when that tool is missing. */
  command(entry: 'main' | 'cli/seed' | 'cli/reclassify' | 'cli/token' | 'cli/round'): string[] | undefined;
}

const fromBuild = (dir: string): AppBuild => ({
  kind: 'build',
  note: 'npm run build; node dist/server/main.js (NODE_ENV=production)',
  cwd: dir,
  command: (entry) => {
    const file = join('dist', 'server', `${entry}.js`);
    return existsSync(join(dir, file)) ? [process.execPath, file] : undefined;
  },
});

const fromSources: AppBuild = {
  kind: 'sources',
  note: 'the build failed: node --import tsx server/main.ts (NODE_ENV=production), from the sources',
  cwd: ROOT,
  command: (entry) => {
    const file = join('server', `${entry}.ts`);
    return existsSync(join(ROOT, file)) ? [process.execPath, '--import', 'tsx', file] : undefined;
  },
};

/** Builds the app in the workspace; falls back to the sources, with the build's output, when that fails. */
export async function prepareApp(workspace: Workspace): Promise<{ app: AppBuild; buildSeconds: number; buildOutput: string }> {
  const dir = join(workspace.dir, 'app');
  mkdirSync(dir);
  for (const entry of SOURCES) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const built = await runToEnd(workspace, ['npm', 'run', '--silent', 'build'], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    timeoutMs: 5 * 60_000,
  });
  const ok = built.code === 0 && existsSync(join(dir, 'dist', 'server', 'main.js'));
  return { app: ok ? fromBuild(dir) : fromSources, buildSeconds: built.wallSeconds, buildOutput: `${built.stdout}${built.stderr}` };
}


export interface Account {
  readonly username: string;
  readonly password: string;
}

export interface RunningServer {
  readonly pid: number;
  readonly base: string;
  /** What it printed, stdout and stderr. */
  output(): string;
  /** SIGTERM and wait for it to exit. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  readonly dataDir: string;
  readonly admin: Account;
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  readonly readyWithinMs?: number;
}

/** Starts the server on a free loopback port; ready once /healthz answers 200. */
export async function startServer(workspace: Workspace, app: AppBuild, options: ServerOptions): Promise<RunningServer> {
  const [node, ...args] = app.command('main')!;
  return serve(workspace, [node!, ...(options.nodeFlags ?? []), ...args], {
    cwd: app.cwd,
    env: {
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      ADMIN_USERNAME: options.admin.username,
      ADMIN_PASSWORD: options.admin.password,
      LOG_LEVEL: 'warn',
    },
    readyPath: '/healthz',
    readyWithinMs: options.readyWithinMs ?? 60_000,
  });
}

/**
 * A server process on a free loopback port (given as PORT, with NODE_ENV=production),
 * in a process group the workspace stops; ready once `readyPath` answers 200.
 */
export async function serve(
  workspace: Workspace,
  command: readonly string[],
  options: { cwd: string; env: Record<string, string>; readyPath: string; readyWithinMs: number },
): Promise<RunningServer> {
  const [file, ...args] = command;
  const port = await freePort();
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', PORT: String(port), ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workspace.track(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: RunningServer = {
    pid: child.pid!,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + options.readyWithinMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${server.base}${options.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();
  throw new Error(`${command.join(' ')} did not answer ${options.readyPath}:\n${out}`);
}

/** Cookies as a browser keeps them, for one server. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/**
 * Signs in through the real form, as a person does: GET /login, then POST it
 * with its hidden fields and the cookie it set. Returns the headers that carry
 * the session.
 */
export async function signIn(base: string, account: Account): Promise<Record<string, string>> {
  const jar = new CookieJar();
  const form = await fetch(`${base}/login`, { redirect: 'manual' });
  jar.take(form);
  const fields = new URLSearchParams();
  for (const [tag] of (await form.text()).matchAll(/<input\b[^>]*\btype="hidden"[^>]*>/g)) {
    const name = attribute(tag, 'name');
    if (name) fields.append(name, attribute(tag, 'value') ?? '');
  }
  fields.set('username', account.username);
  fields.set('password', account.password);
  const signedIn = await fetch(`${base}/login`, {
    method: 'POST',
    body: fields,
    headers: { cookie: jar.header() },
    redirect: 'manual',
  });
  jar.take(signedIn);
  if (signedIn.status !== 303) throw new Error(`signing in answered ${signedIn.status}, not 303`);
  return { cookie: jar.header() };
}

/**
 * An API token from `npm run token -- create --name bench` (printed alone on the
 * last line of stdout), when the app has that command; undefined otherwise.
 */
export async function createApiToken(workspace: Workspace, app: AppBuild, dataDir: string): Promise<string | undefined> {
  const command = app.command('cli/token');
  if (!command) return undefined;
  const made = await runToEnd(workspace, [...command, 'create', '--name', 'bench'], {
    cwd: app.cwd,
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir },
    timeoutMs: 60_000,
  });
  if (made.code !== 0) throw new Error(`npm run token -- create failed: ${made.stderr.trim()}`);
  return made.stdout.trim().split('\n').pop();
}
