// Survey rounds for admins (issue 13, point 1): the list, creating one, its own
// page with every download, editing its details, and opening and closing it.
// Every change goes to the audit log with the admin who made it.
import { Router, type Request, type Response } from 'express';
import { isUniqueViolation } from '../../../db/connection.ts';
import type { Round } from '../../../db/rounds.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { fieldErrors, newRound, roundDetails, ROUND_FIELDS, type RoundField } from '../../rounds/form.ts';
import { offeredLanguages, roundPhase, type RoundPhase } from '../../rounds/phase.ts';
import { LANGUAGES } from '../../survey/types.ts';
import { osloDate } from '../../time.ts';
import { roundDays, readableDate } from '../dates.ts';
import { roundPaths } from '../citizen/round-pages.ts';
import type { Services } from '../services.ts';
import { LANGUAGE_NAMES, messagePage, type ErrorItem, type RenderPage } from '../render.ts';
import { EXPORT_FORMATS } from '../../export/formats.ts';
import { exportPath } from './exports.ts';
import { describeChanges, openRound } from '../../rounds/actions.ts';
import { adminPaths } from './paths.ts';
import { loadRoundParam } from './round-param.ts';
import { posterPaths } from './posters.ts';
import { reportPaths } from './report.ts';
import { REPORT_CSV_FILE } from '../../export/report-csv.ts';

export const PHASE_TEXT = {
  upcoming: 'rounds.phaseUpcoming',
  open: 'rounds.phaseOpen',
  ended: 'rounds.phaseEnded',
  closed: 'rounds.phaseClosed',
} as const satisfies Record<RoundPhase, MessageKey>;

/** The form as typed, to show it again after a mistake. */
type RoundForm = Partial<Record<Exclude<RoundField, 'languages'>, string>> & { languages?: readonly string[] };

const formOf = (round: Round): RoundForm => ({
  slug: round.slug,
  title: round.title,
  organisation: round.organisation,
  mainLanguage: round.mainLanguage,
  opensDate: round.opensDate ?? '',
  closesDate: round.closesDate ?? '',
  languages: offeredLanguages(round),
  contactEmail: round.contactEmail ?? '',
  dataController: round.dataController ?? '',
});

const typedForm = (body: Record<string, unknown>): RoundForm => {
  const form: RoundForm = {};
  for (const field of ROUND_FIELDS) form[field] = typeof body[field] === 'string' ? body[field].slice(0, 300) : '';
  const ticked = body['languages'];
  form.languages = (Array.isArray(ticked) ? ticked : [ticked]).filter((v): v is string => typeof v === 'string');
  return form;
};

/** The order of the fields on the page, for the error summary. */
const FIELD_ORDER: readonly RoundField[] = ['title', 'organisation', 'slug', 'opensDate', 'closesDate', 'mainLanguage', 'languages', 'contactEmail', 'dataController'];

export function roundsRouter(services: Services, render: RenderPage): Router {
  const { stores, clock, db } = services;
  const router = Router();
  const today = () => osloDate(clock());

  router.get(adminPaths.rounds, async (req, res) => {
    const { t, lang } = res.locals;
    await render(req, res, {
      view: 'admin/rounds',
      title: t('rounds.adminTitle'),
      page: 'admin-rounds',
      back: adminPaths.home,
      locals: {
        rounds: stores.rounds.listWithCounts().map((r) => ({
          ...r,
          href: adminPaths.round(r),
          days: roundDays(r, lang, t),
          phase: t(PHASE_TEXT[roundPhase(r, today())]),
        })),
        newHref: adminPaths.newRound,
      },
    });
  });

  const renderForm = async (req: Request, res: Response, status: number, form: RoundForm, errors: Partial<Record<RoundField, MessageKey>>, round?: Round) => {
    const { t } = res.locals;
    const errorItems: ErrorItem[] = FIELD_ORDER.filter((f) => errors[f]).map((f) => ({
      // A fieldset's summary link goes to its first input.
      target: f === 'mainLanguage' ? `mainLanguage-${LANGUAGES[0]}` : f === 'languages' ? `languages-${LANGUAGES[0]}` : f,
      message: t(errors[f]!),
    }));
    const message = (f: RoundField) => (errors[f] ? t(errors[f]) : undefined);
    await render(req, res, {
      view: 'admin/round-form',
      status,
      title: round ? t('rounds.editTitle', { round: round.title }) : t('rounds.newTitle'),
      page: round ? 'admin-round-edit' : 'admin-round-new',
      back: round ? adminPaths.round(round) : adminPaths.rounds,
      errors: errorItems,
      locals: {
        action: round ? adminPaths.editRound(round) : adminPaths.rounds,
        editing: round !== undefined,
        form,
        message,
        languageChoices: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l })),
        submit: round ? t('rounds.save') : t('rounds.create'),
      },
    });
  };

  router.get(adminPaths.newRound, async (req, res) => {
    await renderForm(req, res, 200, { mainLanguage: 'nb', languages: [...LANGUAGES] }, {});
  });

  router.post(adminPaths.rounds, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = typedForm(body);
    const parsed = newRound.safeParse(body);
    if (!parsed.success) return renderForm(req, res, 400, form, fieldErrors(parsed.error));
    const { slug, ...details } = parsed.data;
    if (stores.rounds.slugTaken(slug)) return renderForm(req, res, 400, form, { slug: 'rounds.slugTaken' });
    try {
      db.conn.transaction(() => {
        const roundId = stores.rounds.create({ slug, ...details, createdDate: today() });
        stores.auditLog.record({ at: clock(), event: 'round_created', actorId: res.locals.user.id, roundId, via: 'web' });
      })();
    } catch (err) {
      // Taken in the same moment (another admin, or the command line).
      if (isUniqueViolation(err)) return renderForm(req, res, 400, form, { slug: 'rounds.slugTaken' });
      throw err;
    }
    res.redirect(303, `${adminPaths.round({ slug })}?done=created`);
  });

  loadRoundParam(router, stores);

  router.get(adminPaths.round({ slug: ':slug' }), async (req, res) => {
    const { t, lang, round } = res.locals;
    const phase = roundPhase(round, today());
    const asked = String(req.query['done']);
    const done = Object.hasOwn(DONE_TEXT, asked) ? DONE_TEXT[asked as keyof typeof DONE_TEXT] : undefined;
    await render(req, res, {
      view: 'admin/round',
      title: round.title,
      page: 'admin-round',
      back: adminPaths.rounds,
      locals: {
        round,
        notice: done ? t(done) : null,
        phase: t(PHASE_TEXT[phase]),
        days: roundDays(round, lang, t),
        closedOn: round.closedDate ? readableDate(round.closedDate, lang) : null,
        // Each language named in itself, marked with its language (R6).
        languages: offeredLanguages(round).map((l) => ({ lang: l, name: LANGUAGE_NAMES[l] })),
        mainLanguage: { lang: round.mainLanguage, name: LANGUAGE_NAMES[round.mainLanguage] },
        responseCount: stores.rounds.responseCount(round.id),
        citizenHref: roundPaths.start(round),
        kioskHref: `${roundPaths.start(round)}?kiosk=1`,
        editHref: adminPaths.editRound(round),
        canClose: round.status === 'open',
        closeAction: adminPaths.closeRound(round),
        // Open is offered whenever citizens cannot answer today.
        canOpen: phase !== 'open',
        openAction: adminPaths.openRound(round),
        posterHref: posterPaths.page(round),
        codebookHref: exportPath(round, 'codebook'),
        reportHref: reportPaths.page(round),
        reportCsvHref: reportPaths.csv(round),
        reportCsvFile: REPORT_CSV_FILE,
        downloads: EXPORT_FORMATS.map((format) => ({ href: exportPath(round, format.file), file: format.file, about: format.about[lang] })),
        labelsHref: `${exportPath(round, 'export.csv')}?labels=1`,
        staffHref: `${exportPath(round, 'export.csv')}?staff=1`,
      },
    });
  });

  router.get(adminPaths.editRound({ slug: ':slug' }), async (req, res) => {
    await renderForm(req, res, 200, formOf(res.locals.round), {}, res.locals.round);
  });

  router.post(adminPaths.editRound({ slug: ':slug' }), async (req, res) => {
    const { round, user } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = { ...typedForm(body), slug: round.slug };
    const parsed = roundDetails.safeParse(body);
    if (!parsed.success) return renderForm(req, res, 400, form, fieldErrors(parsed.error), round);
    const changed = describeChanges(round, parsed.data);
    if (changed.length > 0) {
      db.conn.transaction(() => {
        stores.rounds.update(round.slug, parsed.data);
        stores.auditLog.record({ at: clock(), event: 'round_changed', actorId: user.id, roundId: round.id, detail: changed.join(', '), via: 'web' });
      })();
    }
    res.redirect(303, `${adminPaths.round(round)}?done=${changed.length > 0 ? 'saved' : 'unchanged'}`);
  });

  router.post(adminPaths.closeRound({ slug: ':slug' }), async (req, res) => {
    const { round, user, t } = res.locals;
    const closed = db.conn.transaction(() => {
      if (!stores.rounds.close(round.slug, today())) return false;
      stores.auditLog.record({ at: clock(), event: 'round_closed', actorId: user.id, roundId: round.id, via: 'web' });
      return true;
    })();
    if (!closed) {
      return render(req, res, messagePage(t, 'admin-round-conflict', 409, 'rounds.alreadyClosedTitle', 'rounds.alreadyClosed', { href: adminPaths.round(round), text: t('rounds.backToRound') }));
    }
    res.redirect(303, `${adminPaths.round(round)}?done=closed`);
  });

  router.post(adminPaths.openRound({ slug: ':slug' }), async (req, res) => {
    const { round, user } = res.locals;
    openRound(stores, round, today(), { at: clock(), actorId: user.id, via: 'web' });
    res.redirect(303, `${adminPaths.round(round)}?done=opened`);
  });

  return router;
}

const DONE_TEXT = {
  created: 'rounds.doneCreated',
  saved: 'rounds.doneSaved',
  unchanged: 'rounds.doneUnchanged',
  closed: 'rounds.doneClosed',
  opened: 'rounds.doneOpened',
} as const satisfies Record<string, MessageKey>;
