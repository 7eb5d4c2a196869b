// What every page of a survey round shares: its addresses, loading the round
// from `:slug`, and the controls the layout adds to each page (R41–R44):
// «Avslutt og slett svarene mine» and the data the timeout warning reads.
import type { NextFunction, Request, Response } from 'express';
import type { Draft } from '../../../db/drafts.ts';
import type { Round } from '../../../db/rounds.ts';
import { firstUnanswered } from '../../survey/pages.ts';
import { readAnswers } from '../../survey/stored-answers.ts';
import type { Answers, Instrument, Language } from '../../survey/types.ts';
import type { Services } from '../services.ts';
import { offeredLanguages, roundPhase, takesPaperForms, type RoundPhase } from '../../rounds/phase.ts';
import { osloDate } from '../../time.ts';
import { readableDate } from '../dates.ts';
import { isSafeMethod } from '../methods.ts';
import { setLanguage } from '../middleware/language.ts';
import type { Session } from '../middleware/session.ts';
import type { Page, RenderPage, SessionControls } from '../render.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      round: Round;
      /** The session's unfinished answers in the round, read at most once per request. */
      visit: RoundVisit;
      /** The languages this page may be shown in (a round's offer); every language when unset. */
      languages?: readonly Language[];
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

/** A draft with its answers read back against the definition. */
export interface OpenDraft extends Omit<Draft, 'answers'> {
  readonly answers: Answers;
}

/**
 * The session's draft in this request's round: read from the store when first
 * asked for, then kept for the rest of the request (the handler and the
 * layout's session controls both ask). A handler that writes the draft says
 * so with `changed()`; a session that changed its key (stored, signed in,
 * ended) is read again by itself.
 */
export class RoundVisit {
  readonly #session: Session;
  readonly #read: (sessionHash: string) => OpenDraft | undefined;
  /** The session key the draft was read under; undefined until read, or after a change. */
  #readFor: string | undefined;
  #draft: OpenDraft | undefined;

  constructor(session: Session, read: (sessionHash: string) => OpenDraft | undefined) {
    this.#session = session;
    this.#read = read;
  }

  get draft(): OpenDraft | undefined {
    // A session without a row has no drafts: nothing to read.
    const key = this.#session.isStored ? this.#session.idHash : '';
    if (this.#readFor !== key) {
      this.#draft = key === '' ? undefined : this.#read(key);
      this.#readFor = key;
    }
    return this.#draft;
  }

  changed(): void {
    this.#readFor = undefined;
  }
}

/**
 * A round page's set-up, once per request: loads the round from the `:slug`
 * in its path (unknown → 404), turns on shared-device mode for `?kiosk=1`, keeps to the languages the round
 * offers, and outside the round's days says when it opens (200) or that it
 * has closed (410), shared/contract.md. The session's draft is read when
 * first needed (RoundVisit).
 */
function roundLoader(services: Services, render: RenderPage, options: { paperForms?: boolean }) {
  const { stores, instrument } = services;
  return async (req: Request, res: Response, next: NextFunction, slug: string, unknown: () => void): Promise<void> => {
    const round = stores.rounds.bySlug(slug);
    if (!round) return unknown();
    const languages = offeredLanguages(round);
    // A language the round does not offer (chosen on another round's pages) gives way to its main one.
    const chosen = req.session.data.lang;
    if (!chosen || !languages.includes(chosen)) setLanguage(res, round.mainLanguage);
    res.locals.languages = languages;
    res.locals.round = round;
    if (req.query['kiosk'] === '1' && !req.session.data.kiosk) req.session.update({ kiosk: true });
    // Every citizen page may show answers, so nothing is cached (shared/contract.md).
    res.set('Cache-Control', 'no-store');
    const today = osloDate(services.clock());
    const phase = roundPhase(round, today);
    // Staff may key a paper form dated inside the round after its days are over.
    const allowed = options.paperForms ? takesPaperForms(round, today, services.config.responseRetentionDays) : phase === 'open';
    if (!allowed && phase !== 'open') return render(req, res, phasePage(req, res, round, phase));
    res.locals.visit = new RoundVisit(req.session, (sessionHash) => {
      const draft = stores.drafts.get(sessionHash, round.id);
      return draft && { ...draft, answers: readAnswers(instrument, draft.answers) };
    });
    res.locals.sessionControls = () => sessionControls(services, req, res, round);
    next();
  };
}

/** For the routers of round pages (citizen/index.ts), mounted on `/s/:slug`: an unknown slug leaves them to the 404. */
export function roundPages(services: Services, render: RenderPage) {
  const load = roundLoader(services, render, {});
  return (req: Request, res: Response, next: NextFunction): Promise<void> =>
    load(req, res, next, String(req.params['slug']), () => next('router'));
}

/** `router.param('slug', …)` for a router with round pages of its own (staff keying paper forms). */
export function loadRound(services: Services, render: RenderPage, options: { paperForms?: boolean } = {}) {
  const load = roundLoader(services, render, options);
  return (req: Request, res: Response, next: NextFunction, slug: string): Promise<void> => load(req, res, next, slug, () => next('route'));
}

/**
 * The end control and the timeout warning for this page, looked up when the
 * page is rendered: with unfinished answers, «Avslutt og slett svarene mine»
 * and the warning; after a submission, «Avslutt» (nothing left to delete).
 */
function sessionControls(services: Services, req: Request, res: Response, round: Round): SessionControls | undefined {
  const { t } = res.locals;
  const draft = res.locals.visit.draft;
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

/** The page in place of the survey outside its days: when it opens, or that it has closed. */
function phasePage(req: Request, res: Response, round: Round, phase: Exclude<RoundPhase, 'open'>): Page {
  const { t, lang } = res.locals;
  if (phase === 'upcoming') {
    const text = t('upcoming.body', { date: readableDate(round.opensDate!, lang) });
    // A form posted before the opening day (an old tab) stores nothing: 403, said plainly.
    const status = isSafeMethod(req.method) ? 200 : 403;
    return { view: 'message', status, title: t('upcoming.title'), page: 'upcoming', organisation: round.organisation, locals: { heading: t('upcoming.title'), text, link: null } };
  }
  const text = phase === 'ended' && round.closesDate ? t('closed.bodyOn', { date: readableDate(round.closesDate, lang) }) : t('closed.body');
  return { view: 'message', status: 410, title: t('closed.title'), page: 'closed', organisation: round.organisation, locals: { heading: t('closed.title'), text, link: { href: '/', text: t('common.toStart') } } };
}
