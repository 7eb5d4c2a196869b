// The child process of load.ts: runs autocannon on one plan and prints the
// figures as JSON on stdout.
import autocannon from 'autocannon';
import type { Load, Plan, Step } from './load.ts';

interface Context {
  cookie?: string;
  csrf?: string;
}

const plan = JSON.parse(process.argv[2] ?? '') as Plan;
const CSRF_FIELD = /name="_csrf" value="([^"]+)"/;
let wrong = 0;
let sequences = 0;
let turns = 0;

/** The headers' value under a name in any case (express writes Set-Cookie, node:http as given). */
function header(headers: Record<string, string | string[]>, name: string): string[] {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

function request(step: Step, index: number): autocannon.Request {
  const last = index === plan.steps.length - 1;
  return {
    method: step.method,
    path: step.path,
    setupRequest: (req, context: Context) => {
      const cookie = context.cookie ?? plan.cookie;
      const csrf = context.csrf ?? plan.csrf ?? '';
      const headers: Record<string, string> = { ...(cookie ? { cookie } : {}) };
      if (step.method === 'GET') return { ...req, headers };
      const turn = turns++;
      const changing = Object.fromEntries(Object.entries(step.turns ?? {}).map(([name, values]) => [name, values[turn % values.length]!]));
      const body = new URLSearchParams({ _csrf: csrf, ...step.fields, ...changing }).toString();
      return { ...req, body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } };
    },
    onResponse: (status, body, context: Context, headers) => {
      if (status !== step.expect) wrong++;
      else if (last) sequences++;
      for (const line of header(headers as Record<string, string | string[]>, 'set-cookie')) {
        const pair = line.split(';')[0]!;
        if (pair.startsWith('sid=')) context.cookie = pair;
      }
      const csrf = step.method === 'GET' ? CSRF_FIELD.exec(body)?.[1] : undefined;
      if (csrf) context.csrf = csrf;
    },
  };
}

const result = await autocannon({
  url: plan.base,
  connections: plan.connections,
  duration: plan.seconds,
  requests: plan.steps.map(request),
});

const load: Load = {
  requestsPerSecond: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  errors: wrong + result.errors + result.timeouts,
  sequencesPerSecond: sequences / plan.seconds,
};
process.stdout.write(JSON.stringify(load));
