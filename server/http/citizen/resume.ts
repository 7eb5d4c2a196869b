// Save and continue later, without e-mail (issue 4, point 1): «Lagre og fortsett
// senere» gives a code; /s/<slug>/resume takes it back, on any browser. Wrong
// codes are counted per client and throttled, so codes cannot be guessed.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Round } from '../../../db/rounds.ts';
import { formatResumeCode, hashResumeCode, newResumeCode, normaliseResumeCode } from '../../survey/resume-code.ts';
import { addDays, osloDate, retentionCutoff } from '../../time.ts';
import { isLanguage, LANGUAGES } from '../../survey/types.ts';
import { roundLimit } from '../middleware/round-limit.ts';
import { publicUrl } from '../public-url.ts';
import { continuePath, roundPaths } from './round-pages.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { LOCALE } from '../dates.ts';

/**
 * Wrong codes a client may try per window. At 10 per 15 minutes, finding one
 * live code among a thousand by guessing takes about 2^30 windows: 30 000 years.
 */
export const WRONG_CODES_ALLOWED = 10;
const WRONG_CODE_WINDOW_MS = 15 * 60_000;

const LONG_DATE: Readonly<Record<string, Intl.DateTimeFormat>> = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }),
  ]),
);

/** The session's draft in this round gets a resume code (the one it has, else a new one). */
export function ensureResumeCode(services: Services, req: Request, round: Round): string {
  const { drafts } = services.stores;
  const draft = drafts.get(req.session.idHash, round.id);
  if (!draft) throw new Error('ensureResumeCode needs a draft');
  const known = req.session.data.resumeCode;
  if (known && draft.resumeHash === hashResumeCode(known)) return known;
  for (;;) {
    const code = newResumeCode();
    if (drafts.saveWithCode(draft.id, hashResumeCode(code))) {
      req.session.update({ resumeCode: code });
      return code;
    }
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      /** This request tried a well-formed resume code that opened nothing (counted by the throttle). */
      wrongCode?: boolean;
    }
  }
}

const resumeForm = z.object({ code: z.string().max(100).optional() });

type CodeError = 'resume.errorEmpty' | 'resume.errorShape' | 'resume.errorUnknown';

export function resumeRouter(services: Services, render: RenderPage): Router {
  const { stores, config, clock, instrument } = services;
  const router = Router();

  router.get('/s/:slug/saved', async (req, res) => {
    const { round, t, lang } = res.locals;
    const { draft } = res.locals.visit;
    const code = req.session.data.resumeCode;
    if (!draft || !code || draft.resumeHash !== hashResumeCode(code)) return res.redirect(303, roundPaths.start(round));
    const keptUntil = addDays(draft.updatedDate, config.draftDays);
    // Here the way out keeps the answers; a second, red one that deletes them would be a trap.
    res.locals.sessionControls = undefined;
    await render(req, res, {
      view: 'citizen/saved',
      title: t('saved.title'),
      page: 'saved',
      organisation: round.organisation,
      locals: {
        code: formatResumeCode(code),
        keptUntil: LONG_DATE[lang]!.format(new Date(`${keptUntil}T00:00:00Z`)),
        // Never from the request's Host header, which the client writes: from PUBLIC_URL, or the path alone.
        resumeUrl: publicUrl(config, roundPaths.resume(round)),
        resumeHref: roundPaths.resume(round),
        endAction: roundPaths.end(round),
        continueHref: roundPaths.start(round),
      },
    });
  });

  const renderResume = async (req: Request, res: Response, typed = '', error?: CodeError): Promise<void> => {
    const { round, t } = res.locals;
    const message = error ? t(error, { days: config.draftDays }) : null;
    const current = res.locals.visit.draft;
    const replaces = current !== undefined && current.resumeHash === null && Object.keys(current.answers).length > 0;
    await render(req, res, {
      view: 'citizen/resume',
      status: error ? 400 : 200,
      title: t('resume.title'),
      page: 'resume',
      back: roundPaths.start(round),
      organisation: round.organisation,
      errors: message ? [{ target: 'code', message }] : [],
      locals: { typed, error: message, replaces },
    });
  };

  router.get('/s/:slug/resume', (req, res) => renderResume(req, res));

  // Only a well-formed code that opens nothing counts: an empty or mistyped one cannot be a
  // guess, and library PCs behind one address should not lock each other out over typos.
  // The address is held in memory for the window and never stored or logged.
  const throttle = roundLimit(render, { title: 'tooMany.title', body: 'tooMany.body' }, {
    windowMs: WRONG_CODE_WINDOW_MS,
    limit: WRONG_CODES_ALLOWED,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.locals.wrongCode !== true,
  });

  router.post('/s/:slug/resume', throttle, async (req, res) => {
    const { round } = res.locals;
    const parsed = resumeForm.safeParse(req.body);
    const typed = (parsed.success ? (parsed.data.code ?? '') : '').trim();
    if (typed === '') return renderResume(req, res, typed, 'resume.errorEmpty');
    const code = normaliseResumeCode(typed);
    if (!code) return renderResume(req, res, typed, 'resume.errorShape');
    const savedSince = retentionCutoff(osloDate(clock()), config.draftDays);
    const codeHash = hashResumeCode(code);
    // A wrong code stores nothing, not even a session.
    if (!stores.drafts.isSaved(codeHash, round.id, savedSince)) {
      res.locals.wrongCode = true;
      return renderResume(req, res, typed, 'resume.errorUnknown');
    }
    stores.drafts.resume(codeHash, req.session.store(), round.id, savedSince);
    res.locals.visit.changed();
    const { draft } = res.locals.visit;
    // The answers come back in the language they were given in, and the response will record it (issue 12, point 7).
    const language = isLanguage(draft?.language) ? draft.language : undefined;
    req.session.update({ resumeCode: code, submitted: undefined, expired: undefined, ...(language ? { lang: language } : {}) });
    res.redirect(303, continuePath(instrument, round, draft?.answers ?? {}));
  });

  return router;
}
