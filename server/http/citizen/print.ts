// The printable questionnaire (issue 5, point 4): every question with a box and
// its code beside each answer, so a filled-in form is quick to key in. One per
// round and language (`?lang=`), in normal or large print (`?size=large`).
import { Router } from 'express';
import { numberedSections, quote } from '../staff/paper-form.ts';
import { roundPaths } from './round-pages.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';

export function printRouter(services: Services, render: RenderPage): Router {
  const { instrument } = services;
  const router = Router();

  router.get('/s/:slug/print', async (req, res) => {
    const { round, t, lang } = res.locals;
    const large = req.query['size'] === 'large';
    // The end control and timeout warning belong to answering on screen, not to a sheet of paper.
    res.locals.sessionControls = undefined;
    await render(req, res, {
      view: 'citizen/print',
      title: t('service.name'),
      page: 'print',
      organisation: round.organisation,
      locals: {
        round,
        large,
        sections: numberedSections(instrument, lang, t),
        otherSize: `${roundPaths.print(round)}${large ? '' : '?size=large'}`,
        selectAll: quote(t('print.selectAll'), lang),
      },
    });
  });

  return router;
}
