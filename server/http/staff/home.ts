// The staff page (issue 5, point 2; shared/contract.md, "Staff and admin"): a
// staff member picks a round, how the citizen answers and the language, and
// the response begins in the staff member's own session. Beside the citizen
// or by phone, the citizen flow follows; a paper form goes to keyed entry.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Round } from '../../../db/rounds.ts';
import { readAnswers } from '../../survey/stored-answers.ts';
import { LANGUAGES, type Language } from '../../survey/types.ts';
import { osloDate } from '../../time.ts';
import { roundPhase, takesPaperForms } from '../../rounds/phase.ts';
import { requireRole } from '../middleware/require-role.ts';
import { continuePath, roundPaths } from '../citizen/round-pages.ts';
import type { Services } from '../services.ts';
import { STAFF_OUTCOMES, staffPaths } from './paths.ts';
import { setLanguage } from '../middleware/language.ts';
import { LANGUAGE_NAMES, type RenderPage } from '../render.ts';

export const STAFF_MODES = ['assisted', 'phone', 'paper'] as const;
export type StaffStartMode = (typeof STAFF_MODES)[number];

const MODE_LABEL = { assisted: 'staff.modeAssisted', phone: 'staff.modePhone', paper: 'staff.modePaper' } as const;
const OUTCOME_TEXT = {
  sent: 'staff.doneSent',
  deleted: 'staff.doneDeleted',
  saved: 'staff.doneSaved',
  paper: 'staff.donePaper',
} as const;

// Each field on its own, so every missing or tampered one gets its own message.
const startFields = {
  round: z.string().regex(/^[a-z0-9-]{1,64}$/),
  mode: z.enum(STAFF_MODES),
  language: z.enum(LANGUAGES),
};

interface StartForm {
  round?: string;
  mode?: StaffStartMode;
  language?: Language;
}

export function staffHomeRouter(services: Services, render: RenderPage): Router {
  const { stores, instrument, clock, config } = services;
  const router = Router();
  router.use('/staff', requireRole(render, 'staff'));

  /** The rounds staff can work on today: open ones, and those past their days for paper forms. */
  const staffRounds = (): Array<Round & { paperOnly: boolean }> => {
    const today = osloDate(clock());
    return stores.rounds
      .all()
      .filter((r) => takesPaperForms(r, today, config.responseRetentionDays))
      .map((r) => ({ ...r, paperOnly: roundPhase(r, today) !== 'open' }));
  };

  const renderStaff = async (
    req: Request,
    res: Response,
    status: number,
    form: StartForm,
    fieldErrors: Partial<Record<keyof StartForm, string>>,
  ) => {
    const { t, lang, user } = res.locals;
    const rounds = staffRounds();
    const openRounds = rounds.filter((r) => !r.paperOnly);
    const last = req.session.data.staffStart;
    const done = STAFF_OUTCOMES.find((o) => o === req.query['done']);
    const formNumber = typeof req.query['form'] === 'string' ? req.query['form'].slice(0, 20) : '';
    const skipped = Number(req.query['skipped']);
    const lastRound = rounds.find((r) => r.slug === last?.round);
    const groups = [
      {
        name: 'round',
        legend: t('staff.roundLegend'),
        choices: rounds.map((r) => ({ value: r.slug, label: r.paperOnly ? t('staff.roundPaperOnly', { round: r.title }) : r.title })),
        checked: form.round ?? (openRounds.length === 1 ? openRounds[0]!.slug : last?.round),
        error: fieldErrors.round,
      },
      {
        name: 'mode',
        legend: t('staff.modeLegend'),
        choices: STAFF_MODES.map((m) => ({ value: m, label: t(MODE_LABEL[m]) })),
        // Never guessed from the last citizen: a wrong mode would go unnoticed into the data.
        checked: form.mode,
        error: fieldErrors.mode,
      },
      {
        name: 'language',
        legend: t('staff.languageLegend'),
        choices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l })),
        checked: form.language ?? last?.language ?? lang,
        error: fieldErrors.language,
      },
    ];
    await render(req, res, {
      view: 'staff/index',
      status,
      title: t('staff.title'),
      page: 'staff',
      // Each summary link goes to its group's first radio (views/partials/radio-group.ejs names it so).
      errors: groups.flatMap((g) => (g.error ? [{ target: `${g.name}-${g.choices[0]?.value ?? ''}`, message: g.error }] : [])),
      locals: {
        user,
        rounds,
        notice: status === 200 && done ? t(OUTCOME_TEXT[done], { form: formNumber }) : null,
        skippedNotice: status === 200 && done === 'paper' && skipped > 0 ? t('staff.doneSkipped', { n: skipped }) : null,
        // Straight on to the next paper form of the same round: no staff-page round trip per form.
        nextPaper: status === 200 && done === 'paper' && lastRound ? staffPaths.paper(lastRound) : null,
        inProgress: rounds.flatMap((round) => {
          const draft = stores.drafts.get(req.session.idHash, round.id);
          if (!draft) return [];
          return [
            {
              round,
              mode: draft.mode === 'self' ? null : t(MODE_LABEL[draft.mode]),
              href: continuePath(instrument, round, readAnswers(instrument, draft.answers)),
              endAction: roundPaths.end(round),
            },
          ];
        }),
        groups,
        printLinks: rounds.map((round) => ({ round, links: LANGUAGES.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l], href: `${roundPaths.print(round)}?lang=${l}` })) })),
      },
    });
  };

  router.get('/staff', async (req, res) => {
    await renderStaff(req, res, 200, {}, {});
  });

  router.post('/staff', async (req, res) => {
    const { t } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const round = startFields.round.safeParse(body['round']);
    const mode = startFields.mode.safeParse(body['mode']);
    // No language chosen: keep the one the page is in.
    const language = body['language'] === undefined ? { success: true as const, data: res.locals.lang } : startFields.language.safeParse(body['language']);
    const chosen = round.success ? staffRounds().find((r) => r.slug === round.data) : undefined;
    // A round past its days takes keyed paper forms only (issue 13, point 1).
    const open: Round | undefined = chosen && (!chosen.paperOnly || mode.data === 'paper') ? chosen : undefined;
    if (!open || !mode.success || !language.success) {
      return renderStaff(
        req,
        res,
        400,
        { round: open?.slug, mode: mode.data, language: language.data },
        {
          ...(open ? {} : { round: t(chosen ? 'staff.roundNotOpen' : 'staff.roundMissing') }),
          ...(mode.success ? {} : { mode: t('staff.modeMissing') }),
          ...(language.success ? {} : { language: t('staff.languageMissing') }),
        },
      );
    }
    req.session.update({
      lang: language.data,
      staffStart: { round: open.slug, language: language.data },
      submitted: undefined,
      expired: undefined,
    });
    setLanguage(res, language.data);
    if (mode.data === 'paper') return res.redirect(303, staffPaths.paper(open));
    // A new citizen: whatever this session had begun for the round goes (the staff page offered to finish it first).
    stores.drafts.begin(req.session.store(), open.id, mode.data, osloDate(clock()), language.data);
    res.redirect(303, continuePath(instrument, open, {}));
  });

  return router;
}
