// The citizen flow (shared/contract.md, "Citizen flow"): start page, one question
// per page, check your answers, receipt. Post/redirect/get throughout; answers
// never travel in URLs. Handlers parse, call the survey domain, then render or redirect.
import { Router, type Request, type Response } from 'express';
import type { Round } from '../../db/rounds.ts';
import { optionLabel } from '../survey/codebook.ts';
import {
  findQuestion,
  firstUnanswered,
  isReachable,
  nextQuestion,
  previousQuestion,
  progress,
  shownQuestions,
} from '../survey/pages.ts';
import { codesOf, toSubmission } from '../survey/submission.ts';
import type { Answers, AnswerValue, Instrument, Language, Question } from '../survey/types.ts';
import { parseAnswers, type AnswerError } from '../survey/validate.ts';
import type { Services } from './services.ts';
import { messagePage, setLanguage, type ErrorItem, type RenderPage } from './views.ts';
import { osloDate } from '../time.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      round: Round;
    }
  }
}

const CHECK = 'check';

/** Seconds a typical respondent spends on one question; for the "about N minutes" on the start page. */
const SECONDS_PER_QUESTION = 12;

export function citizenRouter(services: Services, render: RenderPage): Router {
  const { instrument, stores, clock, config } = services;
  const router = Router();

  const paths = {
    start: (round: Round) => `/s/${round.slug}`,
    question: (round: Round, id: string, fromCheck = false) => `/s/${round.slug}/q/${id}${fromCheck ? '?from=check' : ''}`,
    check: (round: Round) => `/s/${round.slug}/check`,
    receipt: (round: Round) => `/s/${round.slug}/receipt`,
  };

  /** Where a respondent with these answers should be: the first open question, else the check page. */
  const resumePath = (round: Round, answers: Answers): string => {
    const open = firstUnanswered(instrument, answers);
    return open ? paths.question(round, open.id) : paths.check(round);
  };

  const loadDraft = (req: Request, round: Round): Answers | undefined => {
    const draft = stores.drafts.get(req.session.idHash, round.id);
    return draft ? readAnswers(instrument, draft.answers) : undefined;
  };

  const saveDraft = (req: Request, round: Round, answers: Answers): void => {
    stores.drafts.save({
      sessionHash: req.session.idHash,
      roundId: round.id,
      mode: 'self',
      answers: JSON.stringify(answers),
      date: osloDate(clock()),
    });
  };

  router.param('slug', async (req, res, next, slug: string) => {
    const round = stores.rounds.bySlug(slug);
    if (!round) return next('route');
    if (!req.session.data.lang) setLanguage(res, round.mainLanguage);
    res.locals.round = round;
    // Every citizen page may show answers, so nothing is cached (shared/contract.md).
    res.set('Cache-Control', 'no-store');
    if (round.status !== 'open') {
      await render(req, res, messagePage(res.locals.t, 'closed', 410, 'closed.title', 'closed.body'));
      return;
    }
    next();
  });

  router.get('/', async (req, res) => {
    const open = stores.rounds.open();
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
        idleMinutes: config.sessionIdleMinutes,
        hasDraft: loadDraft(req, round) !== undefined,
      },
    });
  });

  router.post('/s/:slug', (req, res) => {
    const { round } = res.locals;
    let answers = loadDraft(req, round);
    if (!answers) {
      answers = {};
      saveDraft(req, round, answers);
    }
    if (req.session.data.submitted) req.session.update({ submitted: undefined });
    res.redirect(303, resumePath(round, answers));
  });

  /** The question page's id and draft, or a redirect to where the respondent belongs. */
  const openQuestion = (req: Request, res: Response): { question: Question; answers: Answers } | undefined => {
    const { round } = res.locals;
    const question = findQuestion(instrument, String(req.params['questionId']));
    const answers = loadDraft(req, round);
    if (!answers) {
      res.redirect(303, paths.start(round));
      return undefined;
    }
    if (!question) return undefined;
    if (!isReachable(instrument, answers, question.id)) {
      res.redirect(303, resumePath(round, answers));
      return undefined;
    }
    return { question, answers };
  };

  const renderQuestion = async (
    req: Request,
    res: Response,
    question: Question,
    answers: Answers,
    selected: readonly number[],
    errors: readonly AnswerError[] = [],
  ): Promise<void> => {
    const { round, t, lang } = res.locals;
    const fromCheck = req.query['from'] === CHECK;
    const previous = previousQuestion(instrument, answers, question.id);
    const back = fromCheck ? paths.check(round) : previous ? paths.question(round, previous.id) : paths.start(round);
    const where = progress(instrument, answers, question.id);
    const items = errors.map((e) => errorItem(e, question, selected, lang, t));
    await render(req, res, {
      view: 'citizen/question',
      status: errors.length > 0 ? 400 : 200,
      title: question.text[lang],
      page: question.id,
      back,
      organisation: round.organisation,
      errors: items,
      locals: {
        question,
        selected,
        error: items[0]?.message ?? null,
        sectionTitle: instrument.sections.find((s) => s.id === question.section)?.title[lang] ?? '',
        progressText: t('question.progress', where),
      },
    });
  };

  router.get('/s/:slug/q/:questionId', async (req, res, next) => {
    const opened = openQuestion(req, res);
    if (!opened) return res.headersSent ? undefined : next();
    const { question, answers } = opened;
    await renderQuestion(req, res, question, answers, codesOf(answers[question.id]));
  });

  router.post('/s/:slug/q/:questionId', async (req, res, next) => {
    const opened = openQuestion(req, res);
    if (!opened) return res.headersSent ? undefined : next();
    const { question, answers } = opened;
    const { round } = res.locals;
    const parsed = parseAnswers([question], req.body);
    if (!parsed.ok) {
      return renderQuestion(req, res, question, answers, postedCodes(question, req.body), parsed.errors);
    }
    const updated: Answers = { ...answers, ...parsed.answers };
    saveDraft(req, round, updated);
    const next_ = nextQuestion(instrument, updated, question.id);
    // From the check page, come back to it, unless the change opened a question still to answer.
    const target =
      req.query['from'] === CHECK ? resumePath(round, updated) : next_ ? paths.question(round, next_.id) : paths.check(round);
    res.redirect(303, target);
  });

  router.get('/s/:slug/check', async (req, res) => {
    const { round, t, lang } = res.locals;
    const answers = loadDraft(req, round);
    if (!answers) return res.redirect(303, req.session.data.submitted === round.slug ? paths.receipt(round) : paths.start(round));
    if (firstUnanswered(instrument, answers)) return res.redirect(303, resumePath(round, answers));
    const shown = shownQuestions(instrument, answers);
    const sections = instrument.sections
      .map((section) => ({
        title: section.title[lang],
        rows: shown
          .filter((q) => q.section === section.id)
          .map((q) => ({
            short: q.short[lang],
            answers: codesOf(answers[q.id]).map((code) => optionLabel(q, code, lang) ?? String(code)),
            href: paths.question(round, q.id, true),
          })),
      }))
      .filter((s) => s.rows.length > 0);
    const last = shown.at(-1);
    await render(req, res, {
      view: 'citizen/check',
      title: t('check.title'),
      page: 'check',
      back: last ? paths.question(round, last.id) : paths.start(round),
      organisation: round.organisation,
      locals: { sections },
    });
  });

  router.post('/s/:slug/check', (req, res) => {
    const { round, lang } = res.locals;
    const answers = loadDraft(req, round);
    if (!answers) {
      // Already submitted (double click, back button): the first submit stands.
      return res.redirect(303, req.session.data.submitted === round.slug ? paths.receipt(round) : paths.start(round));
    }
    if (firstUnanswered(instrument, answers)) return res.redirect(303, resumePath(round, answers));
    const { codes, classification, segmentReasons } = toSubmission(instrument, answers);
    stores.responses.submit({
      sessionHash: req.session.idHash,
      roundId: round.id,
      language: lang,
      mode: 'self',
      sharedDevice: false,
      submittedDate: osloDate(clock()),
      instrumentVersion: instrument.version,
      staffUserId: null,
      codes,
      classification: {
        segment: classification.segment,
        reasons: segmentReasons,
        svartSarbar: classification.svartSarbar,
        ruleVersion: classification.ruleVersion,
      },
    });
    req.session.update({ submitted: round.slug });
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
      locals: { startHref: paths.start(round) },
    });
  });

  return router;
}

/** What the respondent ticked, for showing the page again after an error: known codes only. */
function postedCodes(question: Question, body: unknown): number[] {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[question.id] : undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const known = new Set(question.options.map((o) => o.code));
  return list.map((v) => Number(v)).filter((code) => known.has(code));
}

function errorItem(
  error: AnswerError,
  question: Question,
  selected: readonly number[],
  lang: Language,
  t: Response['locals']['t'],
): ErrorItem {
  const first = question.options[0]!;
  const target = `${question.id}-${first.code}`;
  switch (error.kind) {
    case 'required':
      return { target, message: question.required[lang] };
    case 'unknown_code':
      return { target, message: t('errors.unknownCode') };
    case 'exclusive': {
      const exclusive = question.options.filter((o) => o.exclusive);
      const option = exclusive.find((o) => selected.includes(o.code)) ?? exclusive[0]!;
      return { target, message: t('errors.exclusive', { option: option.label[lang] }) };
    }
  }
}

/** Draft answers as stored JSON, keeping only known questions and codes (the instrument may have changed). */
export function readAnswers(instrument: Instrument, json: string): Answers {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const answers: Record<string, AnswerValue> = {};
  for (const q of instrument.questions) {
    const parsed = parseAnswers([q], { [q.id]: toPosted((raw as Record<string, unknown>)[q.id]) });
    if (parsed.ok && parsed.answers[q.id] !== undefined) answers[q.id] = parsed.answers[q.id]!;
  }
  return answers;
}

function toPosted(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}
