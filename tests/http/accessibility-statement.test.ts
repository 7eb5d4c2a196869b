// The accessibility statement at /tilgjengelighet (universal-design.md R2, R3) and
// the footer link to it, in the same place on every page (R11, WCAG 3.2.6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { UUTILSYNET_URL } from '../../server/http/citizen/info.ts';
import { translator } from '../../server/i18n/messages.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { answerAll, start, WORKING_ADULT } from '../helpers/survey.ts';

const PATH = '/tilgjengelighet';
const UUSTATUS_URL = 'https://uustatus.no/nb/erklaringer/publisert/00000000-0000-0000-0000-000000000000';
const CONTACT_EMAIL = 'postmottak@demo.kommune.no';

let plain: TestApp;
let configured: TestApp;
beforeAll(async () => {
  plain = await testApp();
  configured = await testApp({ env: { UUSTATUS_URL, CONTACT_EMAIL } });
});
afterAll(() => {
  plain.close();
  configured.close();
});

const main = (page: Page) => page.html.querySelector('main')!;
const hrefs = (page: Page) => main(page).querySelectorAll('a').map((a) => a.getAttribute('href'));

describe.each(LANGUAGES)('the statement in %s', (lang) => {
  const t = translator(lang);

  it('has the language, the h1, the title, the page marker and no-store', async () => {
    const page = await new Browser(plain).visit(`${PATH}?lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('accessibility');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe(lang);
    expect(page.html.querySelectorAll('h1').map((h) => h.textContent)).toEqual([t('accessibility.title')]);
    expect(page.html.querySelector('title')?.textContent).toBe(`${t('accessibility.title')} – ${t('service.name')}`);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('says which standard, how it was tested, what is known, where to give feedback and where to complain', async () => {
    const page = await new Browser(plain).visit(`${PATH}?lang=${lang}`);
    expect(main(page).querySelectorAll('h2').map((h) => h.textContent)).toEqual([
      t('accessibility.standardHeading'),
      t('accessibility.testedHeading'),
      t('accessibility.knownHeading'),
      t('accessibility.feedbackHeading'),
      t('accessibility.complainHeading'),
    ]);
    const text = main(page).textContent;
    expect(text).toContain('WCAG 2.1');
    expect(text).toContain('WCAG 2.2');
    expect(text).toContain('EN 301 549');
    expect(text).toContain(t('accessibility.regulation'));
    expect(main(page).querySelectorAll('ul li')).toHaveLength(4);
    expect(text).toContain(t('accessibility.testedManual'));
    // The time limit can now be adjusted and extended (WCAG 2.2.1): no longer a known failure.
    expect(text).not.toMatch(/2\.2\.1/);
    expect(text).toContain(t('accessibility.knownUnknown'));
    expect(text).toContain(t('accessibility.complainText'));
  });

  it('links to Uutilsynet with a link text of its own', async () => {
    const page = await new Browser(plain).visit(`${PATH}?lang=${lang}`);
    const link = main(page).querySelector(`a[href="${UUTILSYNET_URL}"]`);
    expect(UUTILSYNET_URL).toBe('https://www.uutilsynet.no/');
    expect(link?.textContent).toBe(t('accessibility.complainLink'));
  });
});

describe('language of parts', () => {
  it('marks the regulation’s Norwegian title as bokmål on the English page, and adds no lang in nb and nn', async () => {
    const en = await new Browser(plain).visit(`${PATH}?lang=en`);
    const span = main(en).querySelector('span[lang]');
    expect(span?.getAttribute('lang')).toBe('nb');
    expect(span?.textContent).toBe(translator('nb')('accessibility.regulation'));
    for (const lang of ['nb', 'nn'] as const) {
      const page = await new Browser(plain).visit(`${PATH}?lang=${lang}`);
      expect(main(page).querySelectorAll('[lang]'), lang).toHaveLength(0);
    }
  });

  it('follows the session’s language: nynorsk chosen on the survey stays on the statement', async () => {
    const citizen = new Browser(plain);
    await citizen.visit('/s/demo?lang=nn');
    const page = await citizen.visit(PATH);
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('nn');
    expect(page.html.querySelector('h1')?.textContent).toBe('Tilgjengelegheitserklæring');
  });
});

describe('what depends on configuration', () => {
  it('without UUSTATUS_URL and CONTACT_EMAIL: no uustatus link, no mailto, and the municipality as contact', async () => {
    const page = await new Browser(plain).visit(PATH);
    expect(hrefs(page)).toEqual([UUTILSYNET_URL]);
    expect(page.text).not.toContain('uustatus.no/');
    expect(page.text).not.toContain('mailto:');
    expect(main(page).textContent).toContain(translator('nb')('accessibility.feedbackMunicipality'));
  });

  it.each(LANGUAGES)('with both set, in %s: the uustatus link and a mailto link with the address as its text', async (lang) => {
    const t = translator(lang);
    const page = await new Browser(configured).visit(`${PATH}?lang=${lang}`);
    expect(hrefs(page)).toEqual([UUSTATUS_URL, `mailto:${CONTACT_EMAIL}`, UUTILSYNET_URL]);
    expect(main(page).querySelector(`a[href="${UUSTATUS_URL}"]`)?.textContent).toBe(t('accessibility.uustatusLink'));
    const mail = main(page).querySelector('a[href^="mailto:"]')!;
    expect(mail.textContent).toBe(CONTACT_EMAIL);
    // The sentence around the link is the catalogue's, with the address where {email} stands.
    expect(mail.parentNode?.textContent).toBe(t('accessibility.feedbackEmail', { email: CONTACT_EMAIL }));
    expect(main(page).textContent).not.toContain(t('accessibility.feedbackMunicipality'));
  });

  it('percent-encodes and escapes the configured URL in the href', async () => {
    const odd = await testApp({ env: { UUSTATUS_URL: 'https://uustatus.no/a?b=1&c="2"' } });
    const page = await new Browser(odd).visit(PATH);
    expect(page.text).toContain('href="https://uustatus.no/a?b=1&amp;c=%222%22"');
    odd.close();
  });
});

describe('valid structure', () => {
  it('has no duplicate ids, no script, headings in order, and every link has text', async () => {
    const page = await new Browser(configured).visit(`${PATH}?lang=en`);
    const ids = page.html.querySelectorAll('[id]').map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.html.querySelectorAll('script')).toHaveLength(0);
    const levels = page.html.querySelectorAll('h1, h2, h3, h4').map((h) => Number(h.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    for (const a of page.html.querySelectorAll('a')) expect(a.textContent.trim(), a.toString()).not.toBe('');
  });
});

describe('the footer link (R11: same place on every page)', () => {
  /** The pages a person meets: start, a question, check answers, staff login, not found. */
  async function pagesToCompare(): Promise<Array<[string, Page]>> {
    const citizen = new Browser(plain);
    const startPage = await citizen.visit('/s/demo');
    const question = await start(citizen);
    const check = await answerAll(new Browser(plain), WORKING_ADULT, 'nb');
    const login = await new Browser(plain).visit('/login');
    const notFound = await new Browser(plain).visit('/finnes-ikke');
    return [
      ['start', startPage],
      ['question', question],
      ['check', check],
      ['login', login],
      ['not found', notFound],
    ];
  }

  it('is on every page as the same link, in the same footer, as the last link on the page', async () => {
    const pages = await pagesToCompare();
    expect(pages.map(([, p]) => p.pageId)).toEqual(['start', 'age_group', 'check', 'login', 'not-found']);
    expect(pages.find(([name]) => name === 'not found')![1].status).toBe(404);
    const footers = pages.map(([, p]) => p.html.querySelector('body > footer')?.toString());
    for (const [i, [name, page]] of pages.entries()) {
      const links = page.html.querySelectorAll('a[href]');
      const last = links.at(-1)!;
      expect(last.getAttribute('href'), name).toBe(PATH);
      expect(last.textContent, name).toBe('Tilgjengelighetserklæring');
      expect(last.closest('footer'), name).not.toBeNull();
      expect(links.filter((a) => a.getAttribute('href') === PATH), name).toHaveLength(1);
      // The footer is identical markup on every page, so the link sits in the same place.
      expect(footers[i], name).toBe(footers[0]);
    }
    // The existing footer text stays.
    expect(footers[0]).toContain(translator('nb')('layout.footer'));
  });

  it('is in the page’s language, and marks itself as the current page on the statement', async () => {
    for (const lang of LANGUAGES) {
      const page = await new Browser(plain).visit(`/s/demo?lang=${lang}`);
      expect(page.html.querySelector(`footer a[href="${PATH}"]`)?.textContent).toBe(translator(lang)('layout.accessibility'));
      expect(page.html.querySelector(`footer a[href="${PATH}"]`)?.getAttribute('aria-current')).toBeUndefined();
    }
    const statement = await new Browser(plain).visit(PATH);
    expect(statement.html.querySelector(`footer a[href="${PATH}"]`)?.getAttribute('aria-current')).toBe('page');
  });
});

describe('configuration', () => {
  it('refuses a UUSTATUS_URL that is not https, naming the setting', () => {
    expect(() => loadConfig({ UUSTATUS_URL: 'http://uustatus.no/nb/erklaringer/publisert/x' })).toThrow(/UUSTATUS_URL.*https/);
    expect(() => loadConfig({ UUSTATUS_URL: 'javascript:alert(1)' })).toThrow(/UUSTATUS_URL/);
    expect(() => loadConfig({ UUSTATUS_URL: 'uustatus.no/nb' })).toThrow(/UUSTATUS_URL/);
  });

  it('refuses a CONTACT_EMAIL that is not an e-mail address', () => {
    expect(() => loadConfig({ CONTACT_EMAIL: 'kommunen' })).toThrow(/CONTACT_EMAIL/);
  });

  it('needs neither: unset or empty means not configured', () => {
    expect(loadConfig({})).not.toHaveProperty('uustatusUrl');
    expect(loadConfig({ UUSTATUS_URL: '', CONTACT_EMAIL: '' })).not.toHaveProperty('contactEmail');
    expect(loadConfig({ UUSTATUS_URL, CONTACT_EMAIL })).toMatchObject({ uustatusUrl: UUSTATUS_URL, contactEmail: CONTACT_EMAIL });
  });
});
