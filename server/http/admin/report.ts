// A round's analysis report (issue 14): the page with its filters, report.csv
// for an admin session or an API token, and the population figures that
// weighting uses. The numbers come from server/reports.ts; nothing here counts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Round } from '../../../db/rounds.ts';
import { hasMargins, MARGIN_QUESTIONS, WEIGHT_CAP, type MarginQuestion, type Margins } from '../../analysis/weights.ts';
import { REPORT_CSV_FILE, reportCsv } from '../../export/report-csv.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { roundReport, type ReportFilter } from '../../reports.ts';
import { MODE_LABELS } from '../../survey/codebook.ts';
import { LANGUAGES, MODES, PREFER_NOT_TO_SAY, type Language } from '../../survey/types.ts';
import { isCalendarDate, osloDate } from '../../time.ts';
import { waitForWriteLock } from '../middleware/write-gate.ts';
import type { Services } from '../services.ts';
import { LANGUAGE_NAMES, type ErrorItem, type RenderPage } from '../render.ts';
import { noteExport } from './access.ts';
import { askedLanguage, exportPath, refuseLanguage } from './exports.ts';
import { adminPaths } from './paths.ts';
import { loadRoundParam } from './round-param.ts';
import { numberFormats, reportPageView, weightingNotes } from './report-view.ts';

export const reportPaths = {
  page: (round: Pick<Round, 'slug'>) => exportPath(round, 'report'),
  csv: (round: Pick<Round, 'slug'>) => exportPath(round, REPORT_CSV_FILE),
  weights: (round: Pick<Round, 'slug'>) => exportPath(round, 'weights'),
};

/** The GET form's value for "no filter" on a choice. */
const ANY = 'alle';

const blankAsAbsent = (value: unknown) => (value === '' || value === ANY ? undefined : value);
const day = (message: MessageKey) => z.string().refine(isCalendarDate, message);
const filterQuery = z
  .object({
    language: z.preprocess(blankAsAbsent, z.enum(LANGUAGES, 'report.wrongChoice').optional()),
    mode: z.preprocess(blankAsAbsent, z.enum(MODES, 'report.wrongChoice').optional()),
    from: z.preprocess(blankAsAbsent, day('report.fromWrong').optional()),
    to: z.preprocess(blankAsAbsent, day('report.toWrong').optional()),
    weighted: z.preprocess(blankAsAbsent, z.enum(['0', '1'], 'report.wrongChoice').optional()),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { path: ['to'], message: 'report.dateOrder' });

type FilterField = 'language' | 'mode' | 'from' | 'to' | 'weighted';
const FILTER_FIELDS: readonly FilterField[] = ['language', 'mode', 'from', 'to', 'weighted'];

type ParsedFilter = { ok: true; filter: ReportFilter } | { ok: false; errors: Partial<Record<FilterField, MessageKey>> };

function parseFilter(query: Request['query']): ParsedFilter {
  const parsed = filterQuery.safeParse(query);
  if (!parsed.success) {
    const errors: Partial<Record<FilterField, MessageKey>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FilterField;
      // Messages are catalogue keys (set above); anything else reads as a wrong choice.
      errors[field] ??= (issue.message.startsWith('report.') ? issue.message : 'report.wrongChoice') as MessageKey;
    }
    return { ok: false, errors };
  }
  const f = parsed.data;
  return {
    ok: true,
    filter: { language: f.language ?? null, mode: f.mode ?? null, from: f.from ?? null, to: f.to ?? null, weighted: f.weighted === '1' },
  };
}

/** The filter as typed, to show it again. */
const typedFilter = (query: Request['query']): Record<FilterField, string> =>
  Object.fromEntries(FILTER_FIELDS.map((field) => [field, typeof query[field] === 'string' ? query[field].slice(0, 20) : ''])) as Record<FilterField, string>;

/** The filter as a query string, for the CSV link beside the tables it matches. */
function filterQueryString(filter: ReportFilter): string {
  const params = new URLSearchParams();
  if (filter.language) params.set('language', filter.language);
  if (filter.mode) params.set('mode', filter.mode);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.weighted) params.set('weighted', '1');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Population figures as typed: one field per margin question and code. */
const marginField = (question: MarginQuestion, code: number): string => `${question}_${code}`;
const population = z
  .string()
  .trim()
  .transform((text) => text.replace(/[\s\u00a0]/g, ''))
  // Up to 99 999 999: more than any municipality, and within the table's CHECK.
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,8}$/)]));

export function reportRouter(services: Services, render: RenderPage): Router {
  const { stores, instrument, rule, config, db, clock } = services;
  const router = Router();
  const build = (round: Round, filter: ReportFilter) =>
    roundReport({ store: stores.report, instrument, rule, minCell: config.minCell }, round, filter);
  const marginQuestions = MARGIN_QUESTIONS.map((id) => instrument.questions.find((q) => q.id === id)!);

  loadRoundParam(router, stores);

  router.get(reportPaths.page({ slug: ':slug' }), async (req, res) => {
    const { t, lang, round } = res.locals;
    const parsed = parseFilter(req.query);
    const typed = typedFilter(req.query);
    const choices = {
      language: [{ value: ANY, label: t('report.anyLanguage') }, ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))],
      mode: [{ value: ANY, label: t('report.anyMode') }, ...MODES.map((m) => ({ value: m, label: MODE_LABELS[m][lang] }))],
      weighted: [
        { value: '0', label: t('report.unweighted') },
        { value: '1', label: t('report.weightedChoice') },
      ],
    };
    const page = {
      view: 'admin/report',
      title: t('report.title', { round: round.title }),
      page: 'admin-report',
      back: adminPaths.round(round),
    };
    const form = {
      action: reportPaths.page(round),
      typed: { ...typed, language: typed.language || ANY, mode: typed.mode || ANY, weighted: typed.weighted || '0' },
      choices,
      weightsHref: reportPaths.weights(round),
    };
    if (!parsed.ok) {
      const message = (field: FilterField) => (parsed.errors[field] ? t(parsed.errors[field]) : undefined);
      const errors: ErrorItem[] = FILTER_FIELDS.filter((f) => parsed.errors[f]).map((f) => ({
        target: f === 'from' || f === 'to' ? f : `${f}-${choices[f][0]!.value}`,
        message: t(parsed.errors[f]!),
      }));
      return render(req, res, { ...page, status: 400, errors, locals: { round, form, message, result: null } });
    }
    const { filter } = parsed;
    const { report, weighting, canWeight } = await build(round, filter);
    const classified = stores.report.classified(round.id, rule.version);
    const unclassified = stores.rounds.responseCount(round.id) - classified;
    const { count } = numberFormats(lang);
    await render(req, res, {
      ...page,
      locals: {
        round,
        form: { ...form, canWeight },
        message: () => undefined,
        result: {
          report,
          view: reportPageView(report, lang, t),
          respondents: count(report.respondents),
          unclassified: unclassified > 0 ? t('report.unclassified', { n: count(unclassified) }) : null,
          reclassifyHref: adminPaths.reclassify,
          csvHref: `${reportPaths.csv(round)}${filterQueryString(filter)}`,
          weightingNotes: weighting ? weightingNotes(weighting, marginQuestions, lang, t) : [],
          weightingAsked: filter.weighted && !canWeight,
        },
      },
    });
  });

  router.get(reportPaths.csv({ slug: ':slug' }), async (req, res) => {
    const { round, t } = res.locals;
    const asked = askedLanguage(req);
    if (asked === 'wrong') return refuseLanguage(res);
    const language: Language = asked ?? round.mainLanguage;
    const parsed = parseFilter(req.query);
    if (!parsed.ok) {
      const lines = FILTER_FIELDS.filter((f) => parsed.errors[f]).map((f) => `${f}: ${t(parsed.errors[f]!)}`);
      return void res.status(400).type('text/plain').send(`${lines.join('\n')}\n`);
    }
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${round.slug}-report-${osloDate(clock())}.csv"`,
    });
    // A script asking for weights must not get unweighted figures without knowing.
    if (parsed.filter.weighted && !hasMargins(stores.report.margins(round.id))) {
      return void res.status(400).type('text/plain').send(`weighted: ${t('report.noMargins')}\n`);
    }
    if (req.method === 'HEAD') return void res.end();
    const { report } = await build(round, parsed.filter);
    await waitForWriteLock(db.conn);
    noteExport(services, req, round, REPORT_CSV_FILE);
    // No byte-order mark: scripts read the header as the contract writes it.
    res.send([...reportCsv(report, language)].join(''));
  });

  const renderWeights = async (req: Request, res: Response, status: number, values: Record<string, string>, wrong: ReadonlySet<string>, saved: boolean) => {
    const { t, lang, round } = res.locals;
    const groups = marginQuestions.map((question) => ({
      legend: question.short[lang],
      fields: question.options
        .filter((o) => o.code !== PREFER_NOT_TO_SAY)
        .map((o) => {
          const name = marginField(question.id as MarginQuestion, o.code);
          const error = wrong.has(name) ? t('weights.wrongNumber', { group: o.label[lang] }) : undefined;
          return { name, label: o.label[lang], value: values[name] ?? '', error, width: 'short', numeric: true };
        }),
    }));
    await render(req, res, {
      view: 'admin/weights',
      status,
      title: t('weights.title', { round: round.title }),
      page: 'admin-weights',
      back: reportPaths.page(round),
      errors: groups.flatMap((g) => g.fields.filter((f) => f.error).map((f) => ({ target: f.name, message: f.error! }))),
      locals: { round, groups, action: reportPaths.weights(round), saved: saved ? t('weights.saved') : null, reportHref: reportPaths.page(round), cap: WEIGHT_CAP },
    });
  };

  router.get(reportPaths.weights({ slug: ':slug' }), async (req, res) => {
    const margins = stores.report.margins(res.locals.round.id);
    const values: Record<string, string> = {};
    for (const question of MARGIN_QUESTIONS) for (const [code, count] of margins[question] ?? []) values[marginField(question, code)] = String(count);
    await renderWeights(req, res, 200, values, new Set(), req.query['done'] === 'saved');
  });

  router.post(reportPaths.weights({ slug: ':slug' }), async (req, res) => {
    const { round, user } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    const wrong = new Set<string>();
    const margins: Partial<Record<MarginQuestion, Map<number, number>>> = {};
    for (const question of marginQuestions) {
      for (const option of question.options.filter((o) => o.code !== PREFER_NOT_TO_SAY)) {
        const name = marginField(question.id as MarginQuestion, option.code);
        const typed = typeof body[name] === 'string' ? body[name].slice(0, 30) : '';
        values[name] = typed;
        const parsed = population.safeParse(typed);
        if (!parsed.success) wrong.add(name);
        else if (parsed.data !== '') (margins[question.id as MarginQuestion] ??= new Map()).set(option.code, Number(parsed.data));
      }
    }
    if (wrong.size > 0) return renderWeights(req, res, 400, values, wrong, false);
    db.conn.transaction(() => {
      stores.report.setMargins(round.id, margins as Margins);
      stores.auditLog.record({ at: clock(), event: 'round_changed', actorId: user.id, roundId: round.id, detail: 'population', via: 'web' });
    })();
    res.redirect(303, `${reportPaths.weights(round)}?done=saved`);
  });

  return router;
}
