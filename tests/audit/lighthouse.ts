// `npm run audit`: Lighthouse (mobile, default simulated throttling) on four
// templates of the real server in Debian's Chromium — the start page, a question
// page, a question page in its error state and the check page — with the targets
// of shared/universal-design.md R50 (Accessibility 100, Performance ≥ 95, Best
// Practices ≥ 95) and the page weight of R49 printed beside them.
//
// The question, error and check pages are only reachable through the citizen's
// journey (a POST with a CSRF token, then a redirect), so the audit is one
// Lighthouse user flow on a puppeteer page connected to the launched Chromium.
// Later steps keep the cookies and the cache of the first, as a citizen's browser
// does (Lighthouse's default for repeat navigations in a flow).
//
// Performance is timed, so it varies with the machine's load; when a page misses
// its target the flow runs again (up to 5 runs within the 5-minute bound) and each
// page is judged on its median run. Accessibility and Best Practices do not vary.
//
// Env: CHROME_PATH (default /usr/bin/chromium); AUDIT_REPORT=path.html writes the
// flow report for a closer look.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlow, type Result } from 'lighthouse';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const OVERALL_MS = 5 * 60_000;
const STEP_MS = 30_000;
// Five, as Lighthouse's guidance on variability suggests: on this 2-core machine the
// check page's Total Blocking Time swings around the 95 line from unattributable
// browser work (the page itself runs no script), and three runs left it to chance.
const MAX_RUNS = 5;

const TARGETS = { accessibility: 100, performance: 95, 'best-practices': 95 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];

/** Everything started here, so one function can stop it on any exit path. */
const started: { server?: ChildProcess; chrome?: ChildProcess; browser?: Browser; dirs: string[] } = { dirs: [] };

function log(message: string): void {
  process.stderr.write(`[audit] ${message}\n`);
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  started.dirs.push(dir);
  return dir;
}

async function startServer(): Promise<string> {
  const server = await startServerProcess({
    DATA_DIR: tempDir('survey-audit-data-'),
    LOG_LEVEL: 'warn',
    // As deployed (Dockerfile): the view cache is on.
    NODE_ENV: 'production',
  });
  started.server = server.child;
  return server.base;
}

/** Debian's Chromium with the flags that work on these machines, on a fresh profile; resolves to its DevTools WebSocket. */
async function startChromium(): Promise<string> {
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      ...CHROMIUM_ARGS,
      `--user-data-dir=${tempDir('survey-audit-chromium-')}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group, so its helpers can be stopped with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  started.chrome = child;
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address within 20 s:\n${err}`)), 20_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${CHROMIUM}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before it listened:\n${err}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

async function stopAll(): Promise<void> {
  const { server, chrome, browser } = started;
  if (browser) await Promise.race([browser.close().catch(() => undefined), sleep(5_000)]);
  await Promise.all([stopProcess(chrome, true), stopProcess(server, false)]);
  for (const dir of started.dirs) rmSync(dir, { recursive: true, force: true });
  started.dirs = [];
}

/** SIGTERM, then SIGKILL after 5 s; a detached child is signalled with its process group. */
async function stopProcess(child: ChildProcess | undefined, group: boolean): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(group ? -pid : pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
  if (timedOut) {
    signal('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const pageId = (page: Page) => page.$eval('main', (main) => main.getAttribute('data-page'));

/** Click a submit button and wait for the page it leads to. */
async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: STEP_MS }), page.click(selector)]);
}

const CONTINUE = 'main form button[type="submit"]::-p-text(Fortsett)';
const START = 'main[data-page="start"] form button[type="submit"]';

interface Row {
  readonly name: string;
  readonly lhr: Result;
}

/** One pass of the citizen's journey as a Lighthouse flow, in a fresh browser context (no cookies, empty cache). */
async function flowRun(browser: Browser, base: string, run: number): Promise<Row[]> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const flow = await startFlow(page, {
    name: 'Citizen survey (demo round)',
    flags: { onlyCategories: [...CATEGORIES] },
  });
  const step = (what: string) => log(`run ${run}: ${what}`);

  step('start page');
  await flow.navigate(`${base}/s/demo`, { name: 'start' });
  if ((await pageId(page)) !== 'start') throw new Error(`/s/demo is not the start page: ${page.url()}`);

  step('question page (after the start button)');
  await flow.navigate(() => page.click(START), { name: 'question' });
  const first = await pageId(page);
  if (!first || ['start', 'check'].includes(first)) throw new Error(`the start button led to "${first}", not a question`);

  step(`error page ("Fortsett" on ${first} with nothing chosen)`);
  // The server answers 400 with the page again; Lighthouse would otherwise refuse the step.
  await flow.navigate(() => page.click(CONTINUE), { name: 'error', ignoreStatusCode: true });
  if ((await pageId(page)) !== first || !(await page.$('.error-summary'))) {
    throw new Error(`"Fortsett" with nothing chosen did not give ${first}'s error state: ${page.url()}`);
  }

  step('answering every question');
  for (let answered = 0; (await pageId(page)) !== 'check'; answered++) {
    if (answered > 40) throw new Error('the survey does not reach the check page');
    await page.click('main form .choice__label');
    await submit(page, CONTINUE);
  }

  step('check page (reload)');
  await flow.navigate(`${base}/s/demo/check`, { name: 'check' });
  if ((await pageId(page)) !== 'check') throw new Error(`/s/demo/check is not the check page: ${page.url()}`);

  const result = await flow.createFlowResult();
  const report = process.env['AUDIT_REPORT'];
  if (report) {
    const path = run === 1 ? report : report.replace(/(\.html)?$/, `-${run}.html`);
    writeFileSync(path, await flow.generateReport());
    log(`flow report: ${path}`);
  }
  await context.close();
  return result.steps.map((s) => ({ name: s.name, lhr: s.lhr }));
}

const score = (lhr: Result, category: Category): number | null => {
  const s = lhr.categories[category]?.score;
  return s === null || s === undefined ? null : Math.round(s * 100);
};

/**
 * A page's judged result in one category over the runs: the median run (the lower
 * middle one for an even count), as Lighthouse's docs on variability advise. A
 * missing score counts as the lowest.
 */
function judged(runs: readonly (readonly Row[])[], index: number, category: Category): { score: number | null; lhr: Result } {
  const ranked = runs
    .map((rows) => rows[index]!.lhr)
    .map((lhr) => ({ lhr, score: score(lhr, category) }))
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1));
  return ranked[Math.floor((ranked.length - 1) / 2)]!;
}

const meets = (category: Category, s: number | null) => s !== null && s >= TARGETS[category];

function kilobytes(lhr: Result): string {
  const bytes = lhr.audits['total-byte-weight']?.numericValue;
  return bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)} KB`;
}

function table(runs: readonly (readonly Row[])[]): string {
  const header = ['page', ...CATEGORIES, 'total-byte-weight'];
  const lines = runs[0]!.map((row, i) => [
    row.name,
    ...CATEGORIES.map((c) => {
      const all = runs.map((rows) => String(score(rows[i]!.lhr, c) ?? 'error'));
      const s = String(judged(runs, i, c).score ?? 'error');
      return runs.length > 1 && new Set(all).size > 1 ? `${s} (${all.join('/')})` : s;
    }),
    kilobytes(row.lhr),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

/** The weighted audits that cost points in one category of one run. */
function failures(lhr: Result, category: Category): string[] {
  const out: string[] = [];
  if (lhr.runtimeError) out.push(`    runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  for (const ref of lhr.categories[category]?.auditRefs ?? []) {
    const result = lhr.audits[ref.id];
    if (!result || ref.weight === 0) continue;
    if (result.score !== null && result.score >= 1) continue;
    if (result.scoreDisplayMode === 'notApplicable' || result.scoreDisplayMode === 'manual') continue;
    const detail = result.displayValue ? ` — ${result.displayValue}` : '';
    const scored = result.score === null ? 'error' : `score ${result.score}`;
    out.push(`    ${ref.id} (weight ${ref.weight}, ${scored}): ${result.title}${detail}`);
    if (result.errorMessage) out.push(`      ${result.errorMessage}`);
    for (const item of detailItems(result.details)) out.push(`      ${item}`);
  }
  return out;
}

/** A few readable lines from an audit's table (console messages, failing nodes, long tasks). */
function detailItems(details: Result['audits'][string]['details']): string[] {
  if (!details || !('items' in details) || !Array.isArray(details.items)) return [];
  const lines: string[] = [];
  for (const item of details.items.slice(0, 5)) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const node = record['node'] as { snippet?: unknown; explanation?: unknown } | undefined;
    const text =
      (typeof record['description'] === 'string' && record['description']) ||
      (node && typeof node.snippet === 'string' && `${node.snippet}${typeof node.explanation === 'string' ? ` — ${node.explanation.split('\n').join(' ')}` : ''}`) ||
      (typeof record['url'] === 'string' && record['url']) ||
      '';
    if (text) lines.push(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  }
  return lines;
}

/** Pages whose performance is below target in the judged result (the only category that varies from run to run). */
const slowPages = (runs: readonly (readonly Row[])[]) =>
  runs[0]!.filter((_, i) => !meets('performance', judged(runs, i, 'performance').score)).map((r) => r.name);

async function main(): Promise<number> {
  const began = Date.now();
  const base = await startServer();
  log(`server on ${base}; Chromium ${CHROMIUM}`);
  const browser = await puppeteer.connect({ browserWSEndpoint: await startChromium(), defaultViewport: null });
  started.browser = browser;

  const runs: Row[][] = [await flowRun(browser, base, 1)];
  const perRun = Date.now() - began;
  // Performance is timed on a shared 2-core machine: when a page misses it, run the
  // flow again (up to 5 runs, time allowing) and judge every page on its median run.
  while (runs.length < MAX_RUNS && slowPages(runs).length > 0) {
    if (Date.now() - began + perRun * 1.5 > OVERALL_MS - 20_000) {
      log(`no time left for run ${runs.length + 1}`);
      break;
    }
    log(`performance below target on ${slowPages(runs).join(', ')}: run ${runs.length + 1} of ${MAX_RUNS}`);
    runs.push(await flowRun(browser, base, runs.length + 1));
  }

  console.log(table(runs));
  let failed = false;
  runs[0]!.forEach((row, i) => {
    const lines: string[] = [];
    for (const category of CATEGORIES) {
      const { score: s, lhr } = judged(runs, i, category);
      if (meets(category, s)) continue;
      lines.push(`  ${category}: ${s ?? 'no score'} (target ${category === 'accessibility' ? '' : '≥ '}${TARGETS[category]})`);
      lines.push(...failures(lhr, category));
    }
    if (lines.length === 0) return;
    failed = true;
    console.log(`\n${row.name} (${row.lhr.finalDisplayedUrl}) is below target:`);
    console.log(lines.join('\n'));
  });
  const seconds = ((Date.now() - began) / 1000).toFixed(0);
  const summary = `Lighthouse ${runs[0]![0]?.lhr.lighthouseVersion ?? ''}, ${runs[0]!.length} pages, ${runs.length} run${runs.length > 1 ? 's (median)' : ''}, ${seconds} s`;
  console.log(`\n${failed ? 'FAILED' : 'passed'}: ${summary}`);
  return failed ? 1 : 0;
}

let finishing = false;
async function finish(code: number): Promise<never> {
  if (!finishing) {
    finishing = true;
    await stopAll().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  }
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void finish(130));
const deadline = setTimeout(() => {
  log(`gave up after ${OVERALL_MS / 1000} s`);
  void finish(2);
}, OVERALL_MS);

main().then(
  (code) => {
    clearTimeout(deadline);
    return finish(code);
  },
  (e: unknown) => {
    clearTimeout(deadline);
    log(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return finish(1);
  },
);
