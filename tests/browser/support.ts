// Real Chromium against the real app: the app listens on a free loopback port
// with a temporary data dir, and Debian's Chromium is driven by playwright-core
// (no browser downloads). Also the checks run on every page a person can reach.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import type { Language } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import type { Fields } from '../helpers/browser.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';


/**
 * axe-core itself, preloaded into every page with scripts on (an init script),
 * then run in place. @axe-core/playwright injects the whole of axe into the page
 * on every analysis and finishes in a second blank page: about 0.9 s per check
 * against 0.1 s here, over the ~600 states the suite checks.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0–2.2 A and AA; naming wcag22aa also turns on axe's target-size rule. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const PHONE = { width: 320, height: 640 } as const;
export const LIBRARY_PC = { width: 1280, height: 900 } as const;

/** How a person meets the pages: the suite runs every page in both. */
export interface Mode {
  readonly name: string;
  readonly js: boolean;
  readonly viewport: { readonly width: number; readonly height: number };
}
export const JS_ON: Mode = { name: 'JavaScript on, library PC', js: true, viewport: LIBRARY_PC };
export const JS_OFF: Mode = { name: 'JavaScript off, 320 px phone', js: false, viewport: PHONE };
export const MODES: readonly Mode[] = [JS_ON, JS_OFF];

export interface Target {
  readonly app: TestApp;
  readonly base: string;
  readonly browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startTarget(options: Parameters<typeof testApp>[0] = {}): Promise<Target> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const app = await testApp(options);
  const server: Server = createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    base,
    browser,
    // bypassCSP lets the checks inject their own test styles (text spacing); the app's CSP is tested over HTTP (tests/http/security-headers.test.ts).
    newContext: async (contextOptions = {}) => {
      const context = await browser.newContext({ baseURL: base, locale: 'nb-NO', bypassCSP: true, ...contextOptions });
      if (contextOptions.javaScriptEnabled !== false) await context.addInitScript({ content: AXE_SOURCE });
      return context;
    },
    close: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      app.close();
    },
  };
}

/** axe over the whole page: no violations, reported by rule, count and first target. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const violations = await page.evaluate(async (options) => {
    const axe = (window as unknown as { axe?: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    if (!axe) throw new Error('axe-core is not loaded in this page (is JavaScript off in its context?)');
    const result = await axe.run(document, options);
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
  }, options);
  expect(violations, `axe on ${state}`).toEqual([]);
}

/** WCAG 1.4.10: nothing scrolls sideways at this width; a failure names what sticks out. */
export async function expectNoHorizontalScroll(page: Page, state: string): Promise<void> {
  const { scrollWidth, innerWidth, outside } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    outside: [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.visually-hidden, .skip-link') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`)
      .slice(-3),
  }));
  expect(scrollWidth, `horizontal scroll on ${state} at ${innerWidth} px: ${outside.join(', ')}`).toBeLessThanOrEqual(innerWidth);
}

/**
 * WCAG 2.5.8: every control at least 24 × 24 CSS px. Only a link inside a
 * sentence is exempt (the "inline" exception): one whose paragraph, list item or
 * description has other text than the link's own.
 */
export async function expectTargetSizes(page: Page, state: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, label[for]')]
      .filter((el) => {
        if (el.closest('.visually-hidden') || el.getClientRects().length === 0) return false;
        const block = el.closest('p, li, dd');
        const inSentence = el.tagName === 'A' && !!block && (block.textContent ?? '').trim() !== (el.textContent ?? '').trim();
        return !inSentence;
      })
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ el, box }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${el.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `targets under 24 px on ${state}`).toEqual([]);
}

const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/**
 * Elements whose content does not fit: cut off (overflow hidden or clip), or
 * spilling out of its box over whatever is next to it (overflow visible).
 */
async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => !el.closest('.visually-hidden') && el.clientWidth > 0)
      .filter((el) => {
        const style = getComputedStyle(el);
        const wider = el.scrollWidth > el.clientWidth + 1;
        const taller = el.scrollHeight > el.clientHeight + 1;
        // A scrolling box shows all of its content by scrolling.
        const scrolls = (v: string) => v === 'auto' || v === 'scroll';
        // A one-line text field scrolls its own value with the caret, as every browser does:
        // a round's long name typed in it is all there. Its label and hint are checked as text.
        const oneLineField = el instanceof HTMLInputElement && !taller;
        return !oneLineField && ((wider && !scrolls(style.overflowX)) || (taller && !scrolls(style.overflowY)));
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`),
  );
}

/** WCAG 1.4.12 and 1.4.4: with WCAG text spacing, then with 200 % text, nothing is clipped or scrolls sideways. */
export async function expectTextAdapts(page: Page, state: string): Promise<void> {
  // Added by evaluate, not addStyleTag: that waits for a load event scripts-off pages never fire.
  await page.evaluate((css) => {
    const style = document.createElement('style');
    style.id = 'wcag-text-spacing';
    style.textContent = css;
    document.head.append(style);
  }, TEXT_SPACING);
  expect(await clippedElements(page), `clipped with text spacing on ${state}`).toEqual([]);
  await expectNoHorizontalScroll(page, `${state} with text spacing`);
  await page.evaluate(() => document.getElementById('wcag-text-spacing')?.remove());

  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  expect(await clippedElements(page), `clipped at 200 % text on ${state}`).toEqual([]);
  await expectNoHorizontalScroll(page, `${state} at 200 % text`);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
}

/** The element with focus, as a keyboard user meets it. */
export interface Focus {
  /** `body` when focus is lost. */
  readonly tag: string;
  readonly id: string;
  readonly className: string;
  readonly text: string;
  readonly href: string | null;
  /** Focus changes how the element is drawn: an outline that is not transparent, a box shadow or a background. */
  readonly visible: boolean;
  /** Something else covers the element's centre (WCAG 2.4.11). */
  readonly obscured: boolean;
}

export async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', className: '', text: '', href: null, visible: false, obscured: false };
    const look = () => {
      const style = getComputedStyle(el);
      return { outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, shadow: style.boxShadow, background: style.backgroundColor };
    };
    // The focus indicator is what changes when focus leaves: compare with the element unfocused.
    const withFocus = look();
    el.blur();
    const withoutFocus = look();
    el.focus({ preventScroll: true });
    const [outlineStyle = 'none', outlineWidth = '0', ...outlineColour] = withFocus.outline.split(' ');
    const drawnOutline = outlineStyle !== 'none' && parseFloat(outlineWidth) >= 2 && !/, 0\)$|^transparent$/.test(outlineColour.join(' '));
    const visible =
      (drawnOutline && withFocus.outline !== withoutFocus.outline) ||
      (withFocus.shadow !== 'none' && withFocus.shadow !== withoutFocus.shadow) ||
      withFocus.background !== withoutFocus.background;
    // Each line box of the element (a link may wrap): focus is covered when none of their
    // centres shows the element. A focused radio's label sits beside it and does not count.
    const shows = (top: Element | null) =>
      !!top && (top === el || el.contains(top) || (top instanceof HTMLLabelElement && top.htmlFor === el.id));
    const obscured = ![...el.getClientRects()].some((box) => {
      const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
      return shows(document.elementFromPoint(x, y));
    });
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      text: (el.textContent ?? '').trim().slice(0, 40),
      href: el.getAttribute('href'),
      visible,
      obscured,
    };
  });
}

/**
 * axe on the document a browser without JavaScript shows. axe is a script and
 * cannot run in a page with scripts off, so the same HTML is served once more,
 * at the same URL and viewport, to a page with scripts on, and checked there.
 */
async function expectNoAxeViolationsWithoutScripts(page: Page, twin: Page, state: string): Promise<void> {
  const url = page.url().split('#')[0]!;
  const html = await page.content();
  // A predicate, not the URL as a glob: `?` in a query string is a glob wildcard.
  await twin.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), { times: 1 });
  await twin.goto(url);
  await expectNoAxeViolations(twin, `${state} (${JS_OFF.name})`);
}

/**
 * One person's browser in one mode, with every check that applies to any page
 * (`audit`), and script errors collected as they happen.
 */
export class Visitor {
  /** Script errors and console errors, apart from the status lines of intended 4xx/5xx pages. */
  readonly errors: string[] = [];

  private constructor(
    readonly mode: Mode,
    readonly page: Page,
    private readonly context: BrowserContext,
    /** A page with scripts on, for axe on documents the JavaScript-off page shows. */
    private readonly twin: { context: BrowserContext; page: Page } | undefined,
  ) {
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/the server responded with a status of (4|5)\d\d/.test(m.text())) this.errors.push(m.text());
    });
  }

  /** `extra`: further browser settings (forced colours, a locale), for both the page and its twin. */
  static async open(target: Target, mode: Mode, extra: BrowserContextOptions = {}): Promise<Visitor> {
    const context = await target.newContext({ ...extra, javaScriptEnabled: mode.js, viewport: mode.viewport });
    const page = await context.newPage();
    let twin: { context: BrowserContext; page: Page } | undefined;
    if (!mode.js) {
      const twinContext = await target.newContext({ ...extra, viewport: mode.viewport });
      // The page's own scripts stay off in the twin, as they are for the person; axe comes as an init script.
      // A request the next navigation already cancelled cannot be aborted again: nothing to do then.
      await twinContext.route(/\/assets\/[^/]+\.js(\?|$)/, (route) => route.abort().catch(() => undefined));
      twin = { context: twinContext, page: await twinContext.newPage() };
    }
    return new Visitor(mode, page, context, twin);
  }

  /** `<main data-page>` of the page now shown. */
  pageId(): Promise<string | null> {
    return this.page.locator('main').getAttribute('data-page');
  }

  /** Zero axe violations, no sideways scroll, targets of 24 px or more, and text that adapts. */
  async audit(state: string): Promise<void> {
    const { page, twin, mode } = this;
    if (twin) {
      await expectNoAxeViolationsWithoutScripts(page, twin.page, state);
    } else {
      await expectNoAxeViolations(page, `${state} (${mode.name})`);
    }
    await expectNoHorizontalScroll(page, state);
    await expectTargetSizes(page, state);
    await expectTextAdapts(page, state);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.twin?.context.close();
  }
}

/** Opens a page as this visitor and checks it is the page meant, with its status, and that the first Tab reaches the skip link. */
export async function visitPage(visitor: Visitor, path: string, expected: { status: number; pageId: string }): Promise<void> {
  const response = await visitor.page.goto(path);
  expect(response?.status(), path).toBe(expected.status);
  expect(await visitor.pageId(), path).toBe(expected.pageId);
  await expectSkipLinkFirst(visitor.page, path);
}

/** On a freshly loaded page the first Tab reaches the skip link, with its focus shown (WCAG 2.4.1). */
export async function expectSkipLinkFirst(page: Page, state: string): Promise<void> {
  await page.keyboard.press('Tab');
  const f = await focused(page);
  expect(f.className.split(' '), `first Tab on ${state}`).toContain('skip-link');
  expect(f.visible, `skip link focus shown on ${state}`).toBe(true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Focus ends up on `selector`. Waited for: `autofocus` is applied at the next
 * rendering update after load, not with it.
 */
export async function expectFocusOn(page: Page, selector: string, message: string): Promise<void> {
  await expect
    .poll(() => page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector), { message, timeout: 5_000 })
    .toBe(true);
}

/** The error-summary contract, checked in the browser as a screen-reader user meets it. */
export async function expectErrorContract(page: Page, lang: Language, state: string): Promise<void> {
  const t = translator(lang);
  expect(await page.title(), state).toMatch(new RegExp(`^${t('common.errorPrefix')}: `));
  const firstInMain = await page.evaluate(() => document.querySelector('main')?.firstElementChild?.className);
  expect(firstInMain, `summary first in main on ${state}`).toBe('error-summary');
  await expectFocusOn(page, '.error-summary', `focus on the summary on ${state}`);

  const links = await page.locator('.error-summary a').all();
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    const id = (await link.getAttribute('href'))!.slice(1);
    const input = page.locator(`[id="${id}"]`);
    expect(await input.count()).toBe(1);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(
      describedBy.map((ref) => page.locator(`[id="${ref}"]`).evaluate((el) => (el.textContent ?? '').trim())),
    );
    const linkText = (await link.textContent())!.trim();
    expect(messages, `inline message on ${state}`).toContain(`${t('common.errorPrefix')}: ${linkText}`);
  }
  // Following the first link puts the citizen on the field to fix.
  await links[0]!.click();
  const target = (await links[0]!.getAttribute('href'))!.slice(1);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(target);
}

/**
 * Ticks the scripted answer on each question page and presses «Fortsett», from
 * whatever question the visitor is on to the check page; `onPage` looks at
 * each page first. Boxes are found by their ids (question id and code), so the
 * walk is the same in every language.
 */
export async function answerByClicking(
  visitor: Visitor,
  answers: Fields,
  lang: Language,
  onPage?: (id: string) => Promise<void>,
): Promise<void> {
  const { page } = visitor;
  const next = translator(lang)('common.continue');
  for (let steps = 0, id = await visitor.pageId(); id !== 'check'; steps++, id = await visitor.pageId()) {
    const value = answers[id ?? ''];
    if (id === null || value === undefined || steps > 60) throw new Error(`no scripted answer for page ${id}`);
    await onPage?.(id);
    for (const code of typeof value === 'string' ? [value] : value) await page.locator(`[id="${id}-${code}"]`).check();
    await page.getByRole('button', { name: next, exact: true }).click();
  }
}

/**
 * The answers posted as the forms would post them, through the browser's own
 * cookies but without rendering each page: for tests about what comes after.
 */
export async function answerByRequest(page: Page, answers: Fields): Promise<void> {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  for (const [id, value] of Object.entries(answers)) {
    const form = new URLSearchParams({ _csrf: csrf });
    for (const code of typeof value === 'string' ? [value] : value) form.append(id, code);
    const res = await page.request.post(`/s/demo/q/${id}`, {
      data: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      maxRedirects: 0,
    });
    expect(res.status(), id).toBe(303);
  }
}

/** WCAG relative luminance contrast of two computed `rgb(…)` colours. */
export function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
