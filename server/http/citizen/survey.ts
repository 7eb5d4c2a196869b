// The citizen flow (shared/contract.md, "Citizen flow"): start page, one question
// per page, check your answers, receipt. Post/redirect/get throughout; answers
// never travel in URLs. Handlers parse, call the survey domain, then render or redirect.
import { Router, type Request, type Response } from 'express';
import type { Mode } from '../../../db/drafts.ts';
import type { Round } from '../../../db/rounds.ts';
import { findQuestion, firstUnanswered, isReachable, nextQuestion } from '../../survey/pages.ts';
import { codesOf } from '../../survey/submission.ts';
import type { Answers, Question } from '../../survey/types.ts';
import { parseAnswers, type AnswerError } from '../../survey/validate.ts';
import type { StaffMode } from '../../../db/audit-log.ts';
import { recordResponse } from '../record-response.ts';
import { EXTRA_TIME_FACTOR } from '../middleware/session.ts';
import { staffPaths } from '../staff/paths.ts';
import { formatDuration } from '../durations.ts';
import { ensureResumeCode } from './resume.ts';
import { continuePath, freshStart, roundPaths as paths } from './round-pages.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { osloDate } from '../../time.ts';
import { acceptsAnswers } from '../../rounds/phase.ts';
import { PRIVACY_PATH } from './info.ts';
import { checkPage, questionPage, SAVE_ACTION } from './survey-views.ts';

const CHECK = 'check';

/** Seconds a typical respondent spends on one question; for the "about N minutes" on the start page. */
const SECONDS_PER_QUESTION = 12;

export function surveyRouter(services: Services, render: RenderPage): Router {
  const { instrument, stores, clock, config } = services;
  const router = Router();

  const resumePath = (round: Round, answers: Answers): string => continuePath(instrument, round, answers);

  /** The mode of a draft a signed-in staff member is helping with; undefined for a citizen on their own. */
  const staffModeOf = (req: Request, mode: Mode): StaffMode | undefined =>
    mode !== 'self' && req.user ? mode : undefined;

  /** Saves the answers so far, in the language they are being given in; the first save stores the session. */
  const saveDraft = (req: Request, res: Response, answers: Answers): void => {
    res.locals.visit.changed();
    stores.drafts.save({
      sessionHash: req.session.store(),
      roundId: res.locals.round.id,
      mode: 'self',
      answers: JSON.stringify(answers),
      date: osloDate(clock()),
      language: res.locals.lang,
    });
  };

  /** Where a visitor without answers in this round goes: told what happened to the last ones, else the start page. */
  const withoutDraft = (req: Request, round: Round): string =>
    req.session.data.submitted === round.slug
      ? paths.receipt(round)
      : req.session.data.expired
        ? paths.timeout(round)
        : paths.start(round);


  router.get('/', async (req, res) => {
    const today = osloDate(clock());
    const open = stores.rounds.all().filter((r) => acceptsAnswers(r, today));
    if (open.length === 1) return res.redirect(303, paths.start(open[0]!));
    await render(req, res, {
      view: 'citizen/rounds',
      title: res.locals.t('rounds.title'),
      page: 'rounds',
      locals: { rounds: open },
    });
  });

  router.get('/s/:slug', async (req, res) => {
    const { round, t } = res.locals;
    const always = instrument.questions.filter((q) => !q.showIf).length;
    const all = instrument.questions.length;
    await render(req, res, {
      view: 'citizen/start',
      title: t('service.name'),
      page: 'start',
      organisation: round.organisation,
      locals: {
        round,
        questionCount: { min: always, max: all },
        minutes: Math.max(1, Math.round((all * SECONDS_PER_QUESTION) / 60)),
        idle: formatDuration(t, req.session.idleMs / 60_000),
        extraTime: req.session.data.extraTime === true,
        extraIdle: formatDuration(t, config.sessionIdleMinutes * EXTRA_TIME_FACTOR),
        kiosk: req.session.data.kiosk === true,
        hasDraft: res.locals.visit.draft !== undefined,
        moreTimeAction: paths.moreTime(round),
        resumeHref: paths.resume(round),
        // The round's own contact, else the service's (issue 13, point 1).
        contactEmail: round.contactEmail ?? config.contactEmail ?? null,
        // The footer's privacy link is the same on every page (R11); this one names the round's controller.
        privacyHref: `${PRIVACY_PATH}?round=${round.slug}`,
      },
    });
  });

  router.post('/s/:slug', (req, res) => {
    const { round } = res.locals;
    // A new response: the last one's receipt and timeout note no longer apply (the next person on a shared computer).
    if (req.session.data.submitted || req.session.data.expired) req.session.update({ submitted: undefined, expired: undefined });
    let answers = res.locals.visit.draft?.answers;
    if (!answers) {
      answers = {};
      saveDraft(req, res, answers);
    }
    res.redirect(303, resumePath(round, answers));
  });

  /** The question page's id and draft, or a redirect to where the respondent belongs. */
  const openQuestion = (req: Request, res: Response): { question: Question; answers: Answers; mode: Mode } | undefined => {
    const { round } = res.locals;
    const question = findQuestion(instrument, String(req.params['questionId']));
    const { draft } = res.locals.visit;
    if (!draft) {
      res.redirect(303, withoutDraft(req, round));
      return undefined;
    }
    const { answers, mode } = draft;
    if (!question) return undefined;
    if (!isReachable(instrument, answers, question.id)) {
      res.redirect(303, resumePath(round, answers));
      return undefined;
    }
    return { question, answers, mode };
  };

  const renderQuestion = (
    req: Request,
    res: Response,
    question: Question,
    answers: Answers,
    draftMode: Mode,
    selected: readonly number[],
    errors: readonly AnswerError[] = [],
  ): Promise<void> => {
    const { round, t, lang } = res.locals;
    const fromCheck = req.query['from'] === CHECK;
    const staffMode = staffModeOf(req, draftMode);
    return render(req, res, questionPage({ instrument, round, lang, t, question, answers, selected, errors, fromCheck, staffMode }));
  };

  router.get('/s/:slug/q/:questionId', async (req, res, next) => {
    const opened = openQuestion(req, res);
    if (!opened) return res.headersSent ? undefined : next();
    const { question, answers, mode } = opened;
    await renderQuestion(req, res, question, answers, mode, codesOf(answers[question.id]));
  });

  router.post('/s/:slug/q/:questionId', async (req, res, next) => {
    const opened = openQuestion(req, res);
    if (!opened) return res.headersSent ? undefined : next();
    const { question, answers, mode } = opened;
    const { round } = res.locals;
    const parsed = parseAnswers([question], req.body);
    if (isSave(req.body)) {
      // Saving for later never fails on this page's answer: keep it when it is whole, else leave it out.
      saveDraft(req, res, parsed.ok ? { ...answers, ...parsed.answers } : answers);
      ensureResumeCode(services, req, round);
      return res.redirect(303, paths.saved(round));
    }
    if (!parsed.ok) {
      return renderQuestion(req, res, question, answers, mode, postedCodes(question, req.body), parsed.errors);
    }
    const updated: Answers = { ...answers, ...parsed.answers };
    saveDraft(req, res, updated);
    const next_ = nextQuestion(instrument, updated, question.id);
    // From the check page, come back to it, unless the change opened a question still to answer.
    const target =
      req.query['from'] === CHECK ? resumePath(round, updated) : next_ ? paths.question(round, next_.id) : paths.check(round);
    res.redirect(303, target);
  });

  router.get('/s/:slug/check', async (req, res) => {
    const { round, t, lang } = res.locals;
    const { draft } = res.locals.visit;
    if (!draft) return res.redirect(303, withoutDraft(req, round));
    const { answers } = draft;
    if (firstUnanswered(instrument, answers)) return res.redirect(303, resumePath(round, answers));
    await render(req, res, checkPage({ instrument, round, lang, t, answers, staffMode: staffModeOf(req, draft.mode) }));
  });

  router.post('/s/:slug/check', (req, res) => {
    const { round, lang } = res.locals;
    const { draft } = res.locals.visit;
    if (!draft) {
      // Already submitted (double click, back button): the first submit stands. A second click
      // that arrived while the first was being stored read the session before it ended: its note says so.
      if (stores.sessions.note(req.session.idHash)?.ended === 'submitted') return res.redirect(303, paths.receipt(round));
      return res.redirect(303, withoutDraft(req, round));
    }
    const { answers, mode } = draft;
    if (firstUnanswered(instrument, answers)) return res.redirect(303, resumePath(round, answers));
    const staff = req.user;
    recordResponse(services, round, answers, lang, {
      mode,
      // A draft begun by staff and finished by a citizen with its code is the citizen's: nobody to name.
      staffUserId: staff && mode !== 'self' ? staff.id : null,
      sharedDevice: req.session.data.kiosk === true,
      from: { sessionHash: req.session.idHash },
    });
    res.locals.visit.changed();
    if (staff) {
      // A staff member goes on to the next citizen in the same session: the answers were only in the draft, now gone.
      req.session.update({ submitted: round.slug });
      return res.redirect(303, paths.receipt(round));
    }
    // The session that held the answers ends here (R44). Its dated note shows the
    // receipt to this browser and holds no answers, so the next person starts clean.
    req.session.end('submitted', round.slug);
    res.set('Clear-Site-Data', '"cache", "storage"');
    res.redirect(303, paths.receipt(round));
  });

  router.get('/s/:slug/receipt', async (req, res) => {
    const { round, t } = res.locals;
    if (req.session.data.submitted !== round.slug) return res.redirect(303, paths.start(round));
    await render(req, res, {
      view: 'citizen/receipt',
      title: t('receipt.title'),
      page: 'receipt',
      organisation: round.organisation,
      locals: {
        startHref: freshStart(round, req.session.data.kiosk),
        kiosk: req.session.data.kiosk === true,
        staffHome: req.user ? staffPaths.after('sent') : null,
      },
    });
  });

  return router;
}

function isSave(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[SAVE_ACTION.name] === SAVE_ACTION.value;
}

/** What the respondent ticked, for showing the page again after an error: known codes only. */
function postedCodes(question: Question, body: unknown): number[] {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[question.id] : undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const known = new Set(question.options.map((o) => o.code));
  return list.map((v) => Number(v)).filter((code) => known.has(code));
}
