// What every page of a survey round shares: its addresses, loading the round
// from `:slug`, and the controls the layout adds to each page (R41–R44):
// «Avslutt og slett svarene mine» and the data the timeout warning reads.
import type { NextFunction, Request, Response } from 'express';
import type { Round } from '../../db/rounds.ts';
import { firstUnanswered } from '../survey/pages.ts';
import type { Answers, Instrument } from '../survey/types.ts';
import type { Services } from './services.ts';
import { messagePage, setLanguage, type RenderPage, type SessionControls } from './views.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      round: Round;
    }
  }
}

/** Paths need only the slug, so code that has no loaded round (a lost session) can use them too. */
type RoundRef = Pick<Round, 'slug'>;

export const roundPaths = {
  start: (round: RoundRef) => `/s/${round.slug}`,
  question: (round: RoundRef, id: string, fromCheck = false) => `/s/${round.slug}/q/${id}${fromCheck ? '?from=check' : ''}`,
  check: (round: RoundRef) => `/s/${round.slug}/check`,
  receipt: (round: RoundRef) => `/s/${round.slug}/receipt`,
  saved: (round: RoundRef) => `/s/${round.slug}/saved`,
  resume: (round: RoundRef) => `/s/${round.slug}/resume`,
  moreTime: (round: RoundRef) => `/s/${round.slug}/more-time`,
  extend: (round: RoundRef) => `/s/${round.slug}/extend`,
  expire: (round: RoundRef) => `/s/${round.slug}/expire`,
  end: (round: RoundRef) => `/s/${round.slug}/end`,
  ended: (round: RoundRef) => `/s/${round.slug}/ended`,
  timeout: (round: RoundRef) => `/s/${round.slug}/timeout`,
  print: (round: RoundRef) => `/s/${round.slug}/print`,
};

/** Where a respondent with these answers should be: the first open question, else the check page. */
export function continuePath(instrument: Instrument, round: Round, answers: Answers): string {
  const open = firstUnanswered(instrument, answers);
  return open ? roundPaths.question(round, open.id) : roundPaths.check(round);
}

/** The round's start page as the next person on a shared device should get it. */
export const freshStart = (round: RoundRef, kiosk: boolean | undefined): string =>
  `${roundPaths.start(round)}${kiosk ? '?kiosk=1' : ''}`;

/**
 * `router.param('slug', …)` for round pages: loads the round (unknown → 404),
 * turns on shared-device mode for `?kiosk=1`, and answers 410 for a closed round.
 */
export function loadRound(services: Services, render: RenderPage) {
  const { stores } = services;
  return async (req: Request, res: Response, next: NextFunction, slug: string): Promise<void> => {
    const round = stores.rounds.bySlug(slug);
    if (!round) return next('route');
    if (!req.session.data.lang) setLanguage(res, round.mainLanguage);
    res.locals.round = round;
    if (req.query['kiosk'] === '1' && !req.session.data.kiosk) req.session.update({ kiosk: true });
    // Every citizen page may show answers, so nothing is cached (shared/contract.md).
    res.set('Cache-Control', 'no-store');
    if (round.status !== 'open') {
      await render(req, res, messagePage(res.locals.t, 'closed', 410, 'closed.title', 'closed.body'));
      return;
    }
    res.locals.sessionControls = () => sessionControls(services, req, res, round);
    next();
  };
}

/**
 * The end control and the timeout warning for this page, looked up when the
 * page is rendered: with unfinished answers, «Avslutt og slett svarene mine»
 * and the warning; after a submission, «Avslutt» (nothing left to delete).
 */
function sessionControls(services: Services, req: Request, res: Response, round: Round): SessionControls | undefined {
  const { t } = res.locals;
  const draft = services.stores.drafts.get(req.session.idHash, round.id);
  // A staff member's end control deletes this citizen's answers and goes back to the staff page.
  const staff = req.user !== undefined;
  if (draft) {
    const now = services.clock().getTime();
    return {
      endAction: roundPaths.end(round),
      endLabel: t(staff ? 'staff.cancel' : 'end.button'),
      timer: {
        expiresInSeconds: Math.max(0, Math.floor((req.session.expiresAt - now) / 1000)),
        extendAction: roundPaths.extend(round),
        expireAction: roundPaths.expire(round),
      },
    };
  }
  if (req.session.data.submitted === round.slug && !staff) return { endAction: roundPaths.end(round), endLabel: t('end.afterReceipt') };
  return undefined;
}
