// Time limits and leaving (issue 4, points 2–3; universal-design.md R41–R44):
// «Jeg trenger mer tid», the warning's one-click extension, «Avslutt og slett
// svarene mine», and what a citizen is told when a session is gone.
import { Router } from 'express';
import { z } from 'zod';
import type { Round } from '../../../db/rounds.ts';
import type { Language } from '../../survey/types.ts';
import { freshStart, roundPaths } from './round-pages.ts';
import type { Services } from '../services.ts';
import { staffPaths } from '../staff/paths.ts';
import type { RenderPage } from '../render.ts';

/** What the ended page says: the answers were deleted, saved with a code, or had been sent. */
const ENDINGS = ['deleted', 'saved', 'sent'] as const;
type Ending = (typeof ENDINGS)[number];
const ENDED_TEXT = {
  deleted: { title: 'ended.deletedTitle', body: 'ended.deletedBody' },
  saved: { title: 'ended.savedTitle', body: 'ended.savedBody' },
  sent: { title: 'ended.sentTitle', body: 'ended.sentBody' },
} as const;

/** Clears what the browser holds for this site; the cookie too (R44, MDN Clear-Site-Data). */
const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';

const endForm = z.object({ keep: z.literal('1').optional() });

/** The neutral page after leaving, in the leaver's language, still on a shared device if it was one. */
function endedPath(round: Round, ending: Ending, lang: Language, kiosk: boolean | undefined): string {
  const query = new URLSearchParams({ answers: ending, lang });
  if (kiosk) query.set('kiosk', '1');
  return `${roundPaths.ended(round)}?${query}`;
}

export function leavingRouter(services: Services, render: RenderPage): Router {
  const { stores } = services;
  const router = Router();

  router.post('/s/:slug/more-time', (req, res) => {
    req.session.update({ extraTime: true });
    res.redirect(303, roundPaths.start(res.locals.round));
  });

  // The warning dialog's «Fortsett»: restarts the idle limit, says how long it now is. A session
  // that already ended has nothing to extend: the script is sent where the page says what happened.
  router.post('/s/:slug/extend', (req, res) => {
    if (!req.session.isStored) return res.redirect(303, afterExpiry(res.locals.round, req.session.data.kiosk));
    req.session.extend();
    res.json({ expiresInSeconds: Math.floor(req.session.idleMs / 1000) });
  });

  // The warning script's deadline passed with nobody there: end the session now, whether or not
  // the server's own clock has got there yet, so a page left open never revives it.
  router.post('/s/:slug/expire', (req, res) => {
    const { round } = res.locals;
    req.session.end('expired');
    res.set('Clear-Site-Data', '"cache", "storage"');
    res.redirect(303, afterExpiry(round, req.session.data.kiosk));
  });

  router.post('/s/:slug/end', (req, res) => {
    const { round, lang } = res.locals;
    const { kiosk, submitted } = req.session.data;
    const parsed = endForm.safeParse(req.body);
    const keep = parsed.success && parsed.data.keep === '1';
    const { draft } = res.locals.visit;
    if (req.user) {
      // A staff member stays signed in for the next citizen: only this citizen's answers go (or stay, saved with a code).
      const saved = keep && stores.drafts.detach(req.session.idHash, round.id);
      if (!saved) stores.drafts.remove(req.session.idHash, round.id);
      return res.redirect(303, draft ? staffPaths.after(saved ? 'saved' : 'deleted') : staffPaths.home);
    }
    const ending: Ending = draft ? (keep && draft.resumeHash ? 'saved' : 'deleted') : submitted === round.slug ? 'sent' : 'deleted';
    req.session.end(ending === 'saved' ? 'saved' : 'deleted');
    res.set('Clear-Site-Data', CLEAR_SITE_DATA);
    res.redirect(303, endedPath(round, ending, lang, kiosk));
  });

  router.get('/s/:slug/ended', async (req, res) => {
    const { round, t } = res.locals;
    const asked = req.query['answers'];
    const ending: Ending = ENDINGS.find((e) => e === asked) ?? 'deleted';
    await render(req, res, {
      view: 'citizen/ended',
      title: t(ENDED_TEXT[ending].title),
      page: 'ended',
      organisation: round.organisation,
      locals: { heading: t(ENDED_TEXT[ending].title), body: t(ENDED_TEXT[ending].body), startHref: freshStart(round, req.session.data.kiosk) },
    });
  });

  router.get('/s/:slug/timeout', async (req, res) => {
    const { round, t } = res.locals;
    // Reached by hand with the session still alive: nothing ended, back to the survey.
    if (!req.session.data.expired && res.locals.visit.draft) return res.redirect(303, roundPaths.start(round));
    await render(req, res, {
      view: 'citizen/timeout',
      title: t('timeout.title'),
      page: 'timeout',
      organisation: round.organisation,
      locals: {
        what: req.session.data.expired ?? 'unknown',
        resumeHref: roundPaths.resume(round),
        startHref: freshStart(round, req.session.data.kiosk),
      },
    });
  });

  return router;
}

/** After the idle limit: the timeout page, or on a shared device a fresh start page for the next person. */
function afterExpiry(round: Pick<Round, 'slug'>, kiosk: boolean | undefined): string {
  return kiosk ? freshStart(round, true) : roundPaths.timeout(round);
}
