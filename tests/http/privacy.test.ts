// The privacy page at /personvern: what is stored and what is not, the one
// cookie, how long unfinished answers live, who is responsible and where to ask
// — in every language, linked from every page's footer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { start } from '../helpers/survey.ts';

const PATH = '/personvern';
const CONTACT_EMAIL = 'personvern@demo.kommune.no';
const DATA_CONTROLLER = 'Demo kommune';

let plain: TestApp;
let configured: TestApp;
beforeAll(async () => {
  plain = await testApp({ env: { SESSION_IDLE_MINUTES: '45', DRAFT_DAYS: '14', HELP_REQUEST_DAYS: '60' } });
  configured = await testApp({ env: { CONTACT_EMAIL, DATA_CONTROLLER } });
});
afterAll(() => {
  plain.close();
  configured.close();
});

const mainText = (page: Page) => page.html.querySelector('main')!.textContent;

describe.each(LANGUAGES)('the privacy page in %s', (lang) => {
  const t = translator(lang);

  it('says what is stored, what is not, the cookie, how long and who is responsible', async () => {
    const page = await new Browser(plain).visit(`${PATH}?lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('privacy');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe(lang);
    expect(page.html.querySelectorAll('h1').map((h) => h.textContent)).toEqual([t('privacy.title')]);
    expect(page.headers['cache-control']).toBe('no-store');
    const text = mainText(page);
    for (const key of ['privacy.storedAnswers', 'privacy.storedDate', 'privacy.notStored', 'privacy.cookie', 'privacy.why', 'privacy.submitted'] as const) {
      expect(text).toContain(t(key));
    }
    // The idle limit as configured, not a number written into the text.
    expect(text).toContain(t('privacy.unfinished', { minutes: 45 }));
    expect(text).toContain(t('privacy.saved', { days: 14 }));
    expect(text).toContain(t('privacy.help', { days: 60 }));
    expect(text).toContain(t('privacy.codeGuessing'));
    expect(text).toContain(t('privacy.controllerMunicipality'));
    expect(text).toContain(t('privacy.questionsMunicipality'));
    expect(page.html.querySelector('main a[href^="mailto:"]')).toBeNull();
  });

  it('names the configured data controller and the address for questions', async () => {
    const page = await new Browser(configured).visit(`${PATH}?lang=${lang}`);
    const text = mainText(page);
    expect(text).toContain(t('privacy.controller', { controller: DATA_CONTROLLER }));
    expect(text).not.toContain(t('privacy.controllerMunicipality'));
    const mail = page.html.querySelector('main a[href^="mailto:"]');
    expect(mail?.getAttribute('href')).toBe(`mailto:${CONTACT_EMAIL}`);
    expect(mail?.parentNode?.textContent).toBe(t('privacy.questionsEmail', { email: CONTACT_EMAIL }));
  });
});

it('is linked from the footer of the survey pages, before the accessibility statement', async () => {
  const citizen = new Browser(plain);
  for (const page of [await citizen.visit('/s/demo?lang=nn'), await start(citizen)]) {
    const links = page.html.querySelectorAll('footer a').map((a) => a.getAttribute('href'));
    expect(links).toEqual([PATH, '/tilgjengelighet']);
  }
  const own = await citizen.visit(PATH);
  expect(own.html.querySelector(`footer a[href="${PATH}"]`)?.getAttribute('aria-current')).toBe('page');
});
