// The citizen's pages under load (issue 15): a question GET and an answer POST
// with a live session and its CSRF field, on the real app and on the two
// reference servers in bench/reference, interleaved in rounds so that a busy
// moment on the machine falls on all three alike; then whole walks through
// the survey (start, every question, check, receipt) on the app alone. Each
// server has a fresh data dir of its own; the seeded round is not touched.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, startServer, type RunningServer } from '../lib/app.ts';
import { runLoad, type Load, type Step } from '../lib/load.ts';
import type { Bench, Measurement } from '../lib/measurement.ts';
import type { Workspace } from '../lib/workspace.ts';

const CONNECTIONS = 50;
const SECONDS = 5;
/** A walk is 55 requests: long enough that every virtual user finishes several, so the count is not a matter of where the window cut. */
const WALK_SECONDS = 10;
const WARM_UP_SECONDS = 2;
const ROUNDS = 3;
/** The targets: at least the express reference's rate, p99 within 25 ms, 40 walks a second. */
const TARGET = { ratio: 1, p99Ms: 25, walksPerSecond: 40 };

const SERVERS = ['app', 'express', 'bare'] as const;
type ServerName = (typeof SERVERS)[number];
const SHAPES = ['question GET', 'answer POST'] as const;
type Shape = (typeof SHAPES)[number];

interface Target {
  readonly name: ServerName;
  readonly server: RunningServer;
  /** Where a respondent begins: a GET gives the form, its POST opens the first question. */
  readonly startPath: string;
}

/** One of the reference servers, from the sources (no build to wait for); ready once its start page answers. */
async function startReference(workspace: Workspace, name: 'express' | 'bare'): Promise<RunningServer> {
  const dataDir = join(workspace.dir, `reference-${name}`);
  mkdirSync(dataDir);
  const source = join(import.meta.dirname, '..', 'reference', `${name}.ts`);
  return serve(workspace, [process.execPath, '--import', 'tsx', source], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { DATA_DIR: dataDir },
    readyPath: '/start',
    readyWithinMs: 30_000,
  });
}

/** What a browser holds after a response: the session cookie it set, the form's CSRF field, the first choice. */
async function read(res: Response, cookie: string | undefined) {
  const body = await res.text();
  const sid = res.headers.getSetCookie().map((line) => line.split(';')[0]!).find((pair) => pair.startsWith('sid='));
  const inputs = [...body.matchAll(/<input[^>]*type="(?:radio|checkbox)"[^>]*>/g)].map(([input]) => ({
    name: /name="([^"]+)"/.exec(input)?.[1] ?? '',
    value: /value="([^"]+)"/.exec(input)?.[1] ?? '',
  }));
  const choice = inputs[0] ?? { name: '', value: '' };
  return {
    body,
    cookie: sid ?? cookie,
    csrf: /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '',
    choice,
    /** Every value of the first question's field: the POST benchmark answers each in turn. */
    values: inputs.filter((i) => i.name === choice.name).map((i) => i.value),
    location: res.headers.get('location') ?? undefined,
  };
}

async function step(base: string, method: 'GET' | 'POST', path: string, cookie: string | undefined, fields?: Record<string, string>) {
  const res = await fetch(`${base}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(fields ? { body: new URLSearchParams(fields).toString() } : {}),
  });
  return { status: res.status, ...(await read(res, cookie)) };
}

/** A respondent on the first question page: its path, the session cookie and CSRF field, and an answer to post. */
async function onFirstQuestion(target: Target) {
  const { base } = target.server;
  const start = await step(base, 'GET', target.startPath, undefined);
  const begun = await step(base, 'POST', target.startPath, start.cookie, { _csrf: start.csrf });
  if (begun.status !== 303 || !begun.location) throw new Error(`${target.name}: starting answered ${begun.status}`);
  const question = await step(base, 'GET', begun.location, begun.cookie);
  if (question.status !== 200 || !question.choice.name) throw new Error(`${target.name}: the first question answered ${question.status}`);
  return { path: begun.location, cookie: question.cookie!, csrf: question.csrf, answers: { [question.choice.name]: question.values } };
}

/** One walk through the app with fetch, answering each question with its first choice: the steps every virtual user repeats. */
async function recordWalk(target: Target): Promise<Step[]> {
  const { base } = target.server;
  const steps: Step[] = [];
  let page = await step(base, 'GET', target.startPath, undefined);
  steps.push({ method: 'GET', path: target.startPath, expect: 200 });
  let path = target.startPath;
  let fields: Record<string, string> = {};
  for (let i = 0; i < 100; i++) {
    const posted = await step(base, 'POST', path, page.cookie, { _csrf: page.csrf, ...fields });
    steps.push({ method: 'POST', path, fields, expect: 303 });
    if (posted.status !== 303 || !posted.location) throw new Error(`walk: POST ${path} answered ${posted.status}`);
    path = posted.location;
    page = await step(base, 'GET', path, posted.cookie);
    steps.push({ method: 'GET', path, expect: 200 });
    if (page.status !== 200) throw new Error(`walk: GET ${path} answered ${page.status}`);
    if (path.endsWith('/receipt')) return steps;
    fields = path.endsWith('/check') ? {} : { [page.choice.name]: page.choice.value };
  }
  throw new Error('walk: no receipt after 100 pages');
}

interface Sample {
  readonly shape: Shape | 'walk';
  readonly server: ServerName;
  readonly load: Load;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 0): string => n.toFixed(digits);

export const pagesMeasurement: Measurement = {
  name: 'citizen pages under load',
  target: `≥ ${TARGET.ratio}× express, p99 ≤ ${TARGET.p99Ms} ms, ≥ ${TARGET.walksPerSecond} walks/s`,
  limits: {},
  async run(bench: Bench) {
    const appData = join(bench.workspace.dir, 'pages-data');
    const targets: Target[] = [
      { name: 'app', server: await startServer(bench.workspace, bench.app, { dataDir: appData, admin: bench.admin }), startPath: '/s/demo' },
      { name: 'express', server: await startReference(bench.workspace, 'express'), startPath: '/start' },
      { name: 'bare', server: await startReference(bench.workspace, 'bare'), startPath: '/start' },
    ];
    try {
      const samples: Sample[] = [];
      const plans = new Map<string, () => Promise<Load>>();
      for (const target of targets) {
        const at = await onFirstQuestion(target);
        const base = { base: target.server.base, connections: CONNECTIONS, cookie: at.cookie, csrf: at.csrf };
        const get: Step = { method: 'GET', path: at.path, expect: 200 };
        // Each POST changes the answer, so each is a durable write, as a respondent's is.
        const post: Step = { method: 'POST', path: at.path, turns: at.answers, expect: 303 };
        plans.set(`${target.name}/question GET`, () => runLoad(bench.workspace, { ...base, seconds: SECONDS, steps: [get] }));
        plans.set(`${target.name}/answer POST`, () => runLoad(bench.workspace, { ...base, seconds: SECONDS, steps: [post] }));
        // The JIT settles before anything counts.
        bench.log(`  warming up ${target.name}`);
        await runLoad(bench.workspace, { ...base, seconds: WARM_UP_SECONDS, steps: [get] });
        await runLoad(bench.workspace, { ...base, seconds: WARM_UP_SECONDS, steps: [post] });
      }
      const app = targets[0]!;
      const walk = await recordWalk(app);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const shape of SHAPES) {
          for (const target of targets) {
            const load = await plans.get(`${target.name}/${shape}`)!();
            bench.log(`  round ${round}: ${shape} on ${target.name}: ${fixed(load.requestsPerSecond)} req/s, p99 ${load.p99Ms} ms`);
            samples.push({ shape, server: target.name, load });
          }
        }
        const load = await runLoad(bench.workspace, { base: app.server.base, connections: CONNECTIONS, seconds: WALK_SECONDS, steps: walk });
        bench.log(`  round ${round}: walk on app: ${fixed(load.sequencesPerSecond, 1)} walks/s, p99 ${load.p99Ms} ms`);
        samples.push({ shape: 'walk', server: 'app', load });
      }
      return summarise(samples, walk.length);
    } finally {
      await Promise.all(targets.map((t) => t.server.stop()));
    }
  },
};

/** Medians over the rounds; ratios of the app to each reference; the verdict against the targets. */
function summarise(samples: readonly Sample[], walkSteps: number) {
  const of = (shape: Sample['shape'], server: ServerName) => {
    const loads = samples.filter((s) => s.shape === shape && s.server === server).map((s) => s.load);
    return {
      rate: median(loads.map((l) => l.requestsPerSecond)),
      p50: median(loads.map((l) => l.p50Ms)),
      p99: median(loads.map((l) => l.p99Ms)),
      worstP99: Math.max(...loads.map((l) => l.p99Ms)),
      errors: loads.reduce((sum, l) => sum + l.errors, 0),
      walks: median(loads.map((l) => l.sequencesPerSecond)),
    };
  };
  const rows: string[][] = [['page', 'server', 'req/s', 'p50 ms', 'p99 ms', 'worst p99', 'errors', 'app ÷ this']];
  const details: Record<string, number> = {};
  let met = true;
  for (const shape of SHAPES) {
    const app = of(shape, 'app');
    for (const server of SERVERS) {
      const figures = of(shape, server);
      const ratio = app.rate / figures.rate;
      rows.push([shape, server, fixed(figures.rate), fixed(figures.p50), fixed(figures.p99), fixed(figures.worstP99), String(figures.errors), server === 'app' ? '' : `${fixed(ratio, 2)}×`]);
      details[`${shape} ${server} req/s`] = Math.round(figures.rate);
      details[`${shape} ${server} p99 ms`] = figures.p99;
      if (server !== 'app') details[`${shape} app ÷ ${server}`] = Number(ratio.toFixed(2));
    }
    met &&= app.rate / of(shape, 'express').rate >= TARGET.ratio && app.p99 <= TARGET.p99Ms && app.errors === 0;
  }
  const walk = of('walk', 'app');
  rows.push([`walk (${walkSteps} requests)`, 'app', fixed(walk.rate), fixed(walk.p50), fixed(walk.p99), fixed(walk.worstP99), String(walk.errors), `${fixed(walk.walks, 1)} walks/s`]);
  details['walks per second'] = Number(walk.walks.toFixed(1));
  met &&= walk.walks >= TARGET.walksPerSecond && walk.errors === 0;
  return {
    met,
    table: rows,
    details,
    note: `${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s each (medians; "worst p99" is the slowest round's); autocannon in its own process.`,
  };
}
