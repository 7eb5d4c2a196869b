// Pages about the service rather than a survey round, linked from every page's
// footer: the accessibility statement at /tilgjengelighet (universal-design.md
// R2, R3) and the privacy page at /personvern.
import { Router } from 'express';
import type { Language } from '../../survey/types.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';

/** The supervisory authority citizens may complain to (Tilsynet for universell utforming av ikt). */
export const UUTILSYNET_URL = 'https://www.uutilsynet.no/';

export const ACCESSIBILITY_PATH = '/tilgjengelighet';
export const PRIVACY_PATH = '/personvern';

/** A message cut at one `{placeholder}`, so the view can put markup there (a link, a lang span). */
function around(text: string, placeholder: string): { before: string; after: string } {
  const [before = '', after = ''] = text.split(`{${placeholder}}`);
  return { before, after };
}

export function infoRouter(services: Services, render: RenderPage): Router {
  const { config } = services;
  const router = Router();

  router.get(ACCESSIBILITY_PATH, async (req, res) => {
    const { t, lang } = res.locals;
    // English pages give the regulation's Norwegian title, marked as Norwegian (WCAG 3.1.2).
    const regulationLang: Language = lang === 'en' ? 'nb' : lang;
    await render(req, res, {
      view: 'citizen/accessibility',
      title: t('accessibility.title'),
      page: 'accessibility',
      locals: {
        law: {
          ...around(t('accessibility.standardLaw'), 'regulation'),
          name: t('accessibility.regulation'),
          lang: regulationLang === lang ? null : regulationLang,
        },
        uustatusUrl: config.uustatusUrl ?? null,
        contact: config.contactEmail ? { email: config.contactEmail, ...around(t('accessibility.feedbackEmail'), 'email') } : null,
        uutilsynetUrl: UUTILSYNET_URL,
      },
    });
  });

  router.get(PRIVACY_PATH, async (req, res) => {
    const { t } = res.locals;
    // A round may name its own controller and contact (issue 13, point 1); an unknown one is ignored.
    const round = typeof req.query['round'] === 'string' ? services.stores.rounds.bySlug(req.query['round']) : undefined;
    const controller = round?.dataController ?? config.dataController ?? null;
    const contactEmail = round?.contactEmail ?? config.contactEmail;
    await render(req, res, {
      view: 'citizen/privacy',
      title: t('privacy.title'),
      page: 'privacy',
      locals: {
        idleMinutes: config.sessionIdleMinutes,
        draftDays: config.draftDays,
        helpRequestDays: config.helpRequestDays,
        controller,
        contact: contactEmail ? { email: contactEmail, ...around(t('privacy.questionsEmail'), 'email') } : null,
      },
    });
  });

  return router;
}
