// Every rendered page and state, checked once: HTML validity (shared/
// universal-design.md R4, R12–R17 and §4.5) with html-validate and the project's
// .htmlvalidate.json on each state and the Nu validator (Uutilsynet 4.1.1a) once
// over all of them; then the page weight budgets and the no-script rules of
// issue 15, which print the sizes they hold to.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { HtmlValidate, StaticConfigLoader, type ConfigData, type Message, type ResolvedConfig } from 'html-validate';
import { parse } from 'node-html-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { testApp } from '../helpers/app.ts';
import { renderAllStates, type RenderedState } from '../helpers/states.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** vnu-jar's main export is the jar's path as a String object (with a `vnu` helper attached). */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar') as unknown);
/** A page the Nu validator must complain about: proves it really read the directory. */
const CANARY = 'zz-canary-invalid.html';

let states: RenderedState[] = [];
let outDir = '';
/** The one vnu run, started as soon as the files are written so it overlaps html-validate. */
let vnuRun: Promise<VnuReport> | undefined;
const fileOf = (state: RenderedState): string => `${state.name.replaceAll('/', '__')}.html`;

/**
 * The static loader, resolving the config once instead of on every call (which
 * rebuilds the element metadata and makes up most of the time on ~280 pages).
 * Rules are still set up afresh for each validation by html-validate's engine.
 */
class OnceResolvedConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride) return super.getConfigFor(handle, configOverride);
    this.resolved ??= super.getConfigFor(handle);
    return this.resolved;
  }
}

/**
 * Validator errors grouped by (rule and message, template), each naming the
 * states and lines where it occurs, so one template bug reads as one entry.
 */
class Problems {
  private readonly groups = new Map<string, { what: string; template: string; where: string[] }>();
  private readonly states = new Set<string>();
  count = 0;

  add(what: string, state: Pick<RenderedState, 'name' | 'template'>, line: number, column: number): void {
    const key = `${what}\u0000${state.template}`;
    const group = this.groups.get(key) ?? { what, template: state.template, where: [] };
    group.where.push(`${state.name} line ${line}:${column}`);
    this.groups.set(key, group);
    this.states.add(state.name);
    this.count++;
  }

  get stateCount(): number {
    return this.states.size;
  }

  list(): string[] {
    const SHOWN = 6;
    return [...this.groups.values()].map(({ what, template, where }) => {
      const more = where.length > SHOWN ? `, … ${where.length - SHOWN} more` : '';
      return `${what} [${template}] ×${where.length}: ${where.slice(0, SHOWN).join('; ')}${more}`;
    });
  }
}

interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly firstLine?: number;
  readonly lastLine?: number;
  readonly firstColumn?: number;
  readonly message: string;
}

interface VnuReport {
  readonly code: number | null;
  readonly messages: VnuMessage[];
}

/** Runs the Nu validator once over the directory; its JSON report goes to stderr. */
async function vnu(dir: string): Promise<VnuReport> {
  const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', dir];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
  });
  const raw = `${stdout}${stderr}`;
  const json = raw.slice(raw.indexOf('{'), raw.lastIndexOf('}') + 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`vnu gave no JSON report (exit ${String(code)}):\n${raw}`);
  }
  const messages = (parsed as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) throw new Error(`vnu report without messages:\n${raw}`);
  return { code, messages: messages as VnuMessage[] };
}

beforeAll(async () => {
  states = await renderAllStates();
  outDir = mkdtempSync(join(tmpdir(), 'survey-html-'));
  for (const state of states) writeFileSync(join(outDir, fileOf(state)), state.html);
  writeFileSync(join(outDir, CANARY), '<!doctype html><html lang="en"><head></head><body><p>No title.</p></body></html>');
  vnuRun = vnu(outDir);
  vnuRun.catch(() => undefined); // reported by the vnu test, not as an unhandled rejection
}, 120_000);

afterAll(async () => {
  await vnuRun?.catch(() => undefined);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('rendered states', () => {
  it('cover every page, every question page and its error state, in every language', () => {
    const questionIds = instrument.questions.map((q) => q.id);
    const questionPages = states.filter((s) => s.status === 200 && questionIds.includes(s.pageId ?? ''));
    expect(questionPages.length, 'question pages rendered').toBeGreaterThanOrEqual(LANGUAGES.length * 25);
    expect(states.length, 'states rendered').toBeGreaterThanOrEqual(LANGUAGES.length * (2 * 25 + 15));
    for (const lang of LANGUAGES) {
      const of = states.filter((s) => s.lang === lang);
      const seen = (status: number) => new Set(of.filter((s) => s.status === status).map((s) => s.pageId));
      for (const id of questionIds) {
        expect(seen(200).has(id), `${lang}: question page ${id}`).toBe(true);
        expect(seen(400).has(id), `${lang}: error state of ${id}`).toBe(true);
      }
      for (const page of ['rounds', 'start', 'check', 'receipt', 'accessibility', 'login', 'admin']) {
        expect(seen(200).has(page), `${lang}: ${page}`).toBe(true);
      }
      const statuses: [number, string][] = [
        [400, 'login'],
        [401, 'login'],
        [403, 'expired'],
        [403, 'forbidden'],
        [404, 'not-found'],
        [410, 'closed'],
        [413, 'bad-request'],
        [500, 'server-error'],
      ];
      for (const [status, page] of statuses) expect(seen(status).has(page), `${lang}: ${status} ${page}`).toBe(true);
      for (const state of of) expect(state.html, state.name).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lang}"`, 'i'));
    }
  });
});

describe('html-validate (.htmlvalidate.json)', () => {
  it('finds no errors in any state', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    expect(config.extends).toEqual(['html-validate:recommended', 'html-validate:a11y', 'html-validate:document']);
    const validator = new HtmlValidate(new OnceResolvedConfigLoader(config));
    expect(states.length).toBeGreaterThan(0);

    // The canary proves the rules are live, the project's own settings included.
    const canary = await validator.validateString(
      '<!DOCTYPE html><html lang="en"><head><title>Canary</title></head><body><main><h1 id="a">A</h1><p id="a" style="color: red">B</p></main></body></html>',
      CANARY,
    );
    expect(canary.results.flatMap((r) => r.messages).map((m) => m.ruleId)).toEqual(expect.arrayContaining(['no-dup-id', 'no-inline-style']));

    const problems = new Problems();
    let warnings = 0;
    for (const state of states) {
      const report = await validator.validateString(state.html, fileOf(state));
      const messages: Message[] = report.results.flatMap((r) => r.messages);
      warnings += messages.filter((m) => m.severity === 1).length;
      for (const m of messages.filter((x) => x.severity === 2)) problems.add(`${m.ruleId}: ${m.message}`, state, m.line, m.column);
    }
    if (warnings > 0) console.warn(`html-validate: ${warnings} warning(s) (not failing the test)`);
    expect(problems.list(), `html-validate: ${problems.count} error(s) in ${problems.stateCount} state(s)`).toEqual([]);
  }, 120_000);
});

describe('Nu HTML Checker (vnu)', () => {
  it(
    'finds no errors in any state',
    async () => {
      if (!vnuRun) throw new Error('vnu was not started (no states rendered)');
      const { code, messages } = await vnuRun;
      const byFile = (m: VnuMessage) => basename(decodeURIComponent(m.url ?? ''));

      // The canary proves vnu read the .html files in the directory.
      expect(messages.filter((m) => byFile(m) === CANARY && m.type === 'error').length, 'vnu error on the canary page').toBeGreaterThan(0);
      expect(code, 'vnu exit code (non-zero on errors)').not.toBe(0);

      const stateOf = new Map(states.map((s) => [fileOf(s), s]));
      const problems = new Problems();
      const order = new Map(states.map((s, i) => [fileOf(s), i]));
      const sorted = [...messages].sort((a, b) => (order.get(byFile(a)) ?? -1) - (order.get(byFile(b)) ?? -1));
      for (const m of sorted) {
        const file = byFile(m);
        if (file === CANARY || (m.type !== 'error' && m.type !== 'non-document-error')) continue;
        const state = stateOf.get(file) ?? { name: m.url ?? '(no file)', template: '(not a rendered state)' };
        problems.add(`${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`, state, m.lastLine ?? m.firstLine ?? 0, m.firstColumn ?? 0);
      }
      expect(problems.list(), `Nu validator: ${problems.count} error(s) in ${problems.stateCount} file(s)`).toEqual([]);
    },
    60_000,
  );
});

/** Issue 15's budgets, in bytes as sent without compression. */
const BUDGET = { citizenPage: 12 * 1024, stylesheet: 10 * 1024, script: 5 * 1024 } as const;
/**
 * The paper questionnaire (citizen/print.ejs) holds every question at once to
 * be printed, not answered on a phone: it is held to the size of the paper
 * form instead, about three question pages per printed page.
 */
const PRINTED_FORM_BUDGET = 48 * 1024;
const KB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The pages a citizen meets: the survey's, the service's own and the message pages; not staff's or admins'. */
const isCitizenPage = (state: RenderedState): boolean => state.template.startsWith('citizen/') || state.template === 'message.ejs';
const isPrintedForm = (state: RenderedState): boolean => state.template.startsWith('citizen/print.ejs');

describe('page weight budgets (issue 15)', () => {
  it(`keeps every citizen page within ${KB(BUDGET.citizenPage)} of HTML (the printed form within ${KB(PRINTED_FORM_BUDGET)})`, () => {
    const citizen = states.filter(isCitizenPage);
    expect(citizen.length, 'citizen pages rendered').toBeGreaterThan(LANGUAGES.length * 30);
    const sized = citizen.map((s) => ({ name: s.name, bytes: Buffer.byteLength(s.html), budget: isPrintedForm(s) ? PRINTED_FORM_BUDGET : BUDGET.citizenPage }));
    const largest = [...sized].sort((a, b) => b.bytes - a.bytes);
    console.log(
      `Citizen pages: ${sized.length} states, largest:\n${largest
        .filter((s, i) => i < 8 || s.budget === PRINTED_FORM_BUDGET)
        .map((s) => `  ${KB(s.bytes).padStart(8)}  ${s.name}`)
        .join('\n')}`,
    );
    expect(sized.filter((s) => s.bytes > s.budget).map((s) => `${s.name}: ${KB(s.bytes)} > ${KB(s.budget)}`)).toEqual([]);
  });

  it(`serves the stylesheets within ${KB(BUDGET.stylesheet)} and any script within ${KB(BUDGET.script)}, from this origin, cached as immutable`, async () => {
    const referenced = new Set<string>();
    for (const state of states) {
      const html = parse(state.html);
      for (const el of html.querySelectorAll('link[href], script[src], img[src], iframe, object, embed, video, audio, source')) {
        referenced.add(el.getAttribute('href') ?? el.getAttribute('src') ?? el.tagName);
      }
    }
    // Only files of our own: a third-party origin would learn who answers, and could stop the page loading.
    expect([...referenced].filter((url) => !url.startsWith('/') || url.startsWith('//'))).toEqual([]);
    expect([...referenced].some((url) => url.startsWith('/assets/app.css?v='))).toBe(true);

    const target = await testApp();
    try {
      const lines: string[] = [];
      for (const url of [...referenced].sort()) {
        const res = await request(target.app).get(url).buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect(res.status, url).toBe(200);
        expect(res.headers['cache-control'], url).toMatch(/max-age=31536000.*immutable/);
        const bytes = (res.body as Buffer).length;
        // What a browser that takes brotli receives (the server compresses once, at the best setting: tests/http/delivery.test.ts).
        const brotli = brotliCompressSync(res.body as Buffer).length;
        lines.push(`  ${KB(bytes).padStart(8)}  (${KB(brotli)} as brotli)  ${url}`);
        if (url.includes('.css')) expect(bytes, url).toBeLessThanOrEqual(BUDGET.stylesheet);
        if (url.includes('.js')) expect(bytes, url).toBeLessThanOrEqual(BUDGET.script);
      }
      console.log(`Files the pages load:\n${lines.join('\n')}`);
    } finally {
      target.close();
    }
  });

  it('needs no script on any page: every action is a link or a button in a form, and scripts only enhance', () => {
    const problems: string[] = [];
    for (const state of states) {
      const html = parse(state.html);
      for (const script of html.querySelectorAll('script')) {
        if (!script.getAttribute('src') || !script.hasAttribute('defer')) problems.push(`${state.name}: a script that is inline or blocks the page`);
      }
      if (/\son[a-z]+\s*=|javascript:/i.test(state.html)) problems.push(`${state.name}: an inline event handler or javascript: URL`);
      for (const button of html.querySelectorAll('button')) {
        const inForm = button.closest('form') !== null;
        // A button that submits nothing is the timeout warning's, and that dialog only ever opens by script.
        const inScriptedDialog = button.getAttribute('type') === 'button' && button.closest('dialog') !== null;
        if (!inForm && !inScriptedDialog) problems.push(`${state.name}: a button outside any form: ${button.text.trim()}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names every form on a page that has more than one, each differently, so each can be told apart by its name', () => {
    const problems: string[] = [];
    for (const state of states) {
      const html = parse(state.html);
      // A form in the timeout warning is alone when seen: the modal dialog makes the rest of the page inert.
      const forms = html.querySelectorAll('form').filter((form) => form.closest('dialog') === null);
      if (forms.length < 2) continue;
      const names = forms.map((form) => {
        const ids = form.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
        return (form.getAttribute('aria-label') ?? ids.map((id) => html.getElementById(id)?.text ?? '').join(' ')).replace(/\s+/g, ' ').trim();
      });
      names.forEach((name, i) => {
        if (!name) problems.push(`${state.name}: a form posting to ${forms[i]!.getAttribute('action')} has no name`);
      });
      const named = names.filter(Boolean);
      if (new Set(named).size !== named.length) problems.push(`${state.name}: two forms share a name: ${named.join(' | ')}`);
    }
    expect(problems).toEqual([]);
  });
});
