// Keyed entry of paper forms (issue 5, point 4; shared/contract.md): every
// question on one page, one text field each for the codes, and the form's
// number so no form is keyed twice. Stored, it leads back to the staff page.
import { Router, type Request, type Response } from 'express';
import type { MessageKey, Translate } from '../../i18n/messages.ts';
import { blankTail, parsePaperForm, paperFormNumber, typedValues, type PaperError } from '../../survey/paper.ts';
import type { Instrument, Language, Question } from '../../survey/types.ts';
import { requireRole } from '../middleware/require-role.ts';
import { acceptsAnswers, acceptsPaperDated, paperDays } from '../../rounds/phase.ts';
import { isCalendarDate, osloDate } from '../../time.ts';
import { roundDays } from '../dates.ts';
import { numberedSections } from './paper-form.ts';
import { recordResponse } from '../record-response.ts';
import { loadRound } from '../citizen/round-pages.ts';
import type { Services } from '../services.ts';
import { staffPaths } from './paths.ts';
import type { ErrorItem, RenderPage } from '../render.ts';

const NUMBER_FIELD = 'paper_form_number';
/** The day the form was filled in or came in; empty means today. Needed once the round's days are over. */
const DATE_FIELD = 'paper_form_date';
/** Ticked to say that the blank questions at the end are blank on paper too. */
const BLANK_REST = { name: 'blank_rest', value: '1' } as const;
/** The form's language, named in the staff member's: «bokmål», "Norwegian Nynorsk". */
const FORM_LANGUAGE = { nb: 'paper.language.nb', nn: 'paper.language.nn', en: 'paper.language.en' } as const satisfies Record<Language, MessageKey>;
const PAPER_ERROR_TEXT = {
  unknown_code: 'paper.errorUnknownCode',
  one_code: 'paper.errorOneCode',
  exclusive: 'paper.errorExclusive',
  empty: 'paper.errorEmpty',
} as const satisfies Record<PaperError['kind'], MessageKey>;

export function paperEntryRouter(services: Services, render: RenderPage): Router {
  const { instrument, stores, clock } = services;
  const router = Router();
  router.use('/staff/paper', requireRole(render, 'staff'));
  router.param('slug', loadRound(services, render, { paperForms: true }));

  const renderEntry = async (
    req: Request,
    res: Response,
    status: number,
    typed: Readonly<Record<string, string>>,
    errors: readonly ErrorItem[],
    askBlankRest = false,
  ) => {
    const { round, t, lang } = res.locals;
    const byField = new Map(errors.map((e) => [e.target, e.message]));
    await render(req, res, {
      view: 'staff/paper',
      status,
      title: t('paper.title'),
      page: 'paper-entry',
      back: staffPaths.home,
      organisation: round.organisation,
      errors,
      locals: {
        round,
        languageName: t(FORM_LANGUAGE[lang]),
        blankRest: askBlankRest ? { ...BLANK_REST, label: t('paper.blankRest') } : null,
        numberField: { name: NUMBER_FIELD, value: typed[NUMBER_FIELD] ?? '', error: byField.get(NUMBER_FIELD) },
        dateField: {
          name: DATE_FIELD,
          value: typed[DATE_FIELD] ?? '',
          error: byField.get(DATE_FIELD),
          hint: t(acceptsAnswers(round, osloDate(clock())) ? 'paper.dateHintOpen' : 'paper.dateHintClosed', { days: roundDays(paperDays(round), lang, t) }),
        },
        sections: numberedSections(instrument, lang, t).map((section) => ({
          title: section.title,
          fields: section.questions.map(({ question, number, onlyIf }) => ({
            name: question.id,
            number,
            label: question.short[lang],
            codes: question.options.map((o) => `${o.code} ${o.label[lang]}`).join(' · '),
            note: [question.type === 'multi' ? t('paper.multiNote') : null, onlyIf].filter(Boolean).join(' ') || null,
            multi: question.type === 'multi',
            value: typed[question.id] ?? '',
            error: byField.get(question.id),
          })),
        })),
      },
    });
  };

  router.get('/staff/paper/:slug', async (req, res) => {
    await renderEntry(req, res, 200, {}, []);
  });

  router.post('/staff/paper/:slug', async (req, res) => {
    const { round, t, lang, user } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = {
      ...typedValues(instrument, body),
      [NUMBER_FIELD]: String(body[NUMBER_FIELD] ?? '').slice(0, 40),
      [DATE_FIELD]: String(body[DATE_FIELD] ?? '').trim().slice(0, 20),
    };
    const number = paperFormNumber.safeParse(body[NUMBER_FIELD] ?? '');
    const parsed = parsePaperForm(instrument, body);
    const errors: ErrorItem[] = [];
    if (!number.success) {
      const shape = number.error.issues[0]?.message === 'shape';
      errors.push({ target: NUMBER_FIELD, message: t(shape ? 'paper.numberShape' : 'paper.numberMissing') });
    } else if (stores.responses.paperFormTaken(round.id, number.data)) {
      errors.push({ target: NUMBER_FIELD, message: t('paper.numberTaken', { number: number.data }) });
    }
    const today = osloDate(clock());
    const formDate = typed[DATE_FIELD] || today;
    if (!isCalendarDate(formDate)) errors.push({ target: DATE_FIELD, message: t('rounds.dateShape') });
    else if (!acceptsPaperDated(round, formDate, today)) {
      errors.push({ target: DATE_FIELD, message: t(typed[DATE_FIELD] ? 'paper.dateOutside' : 'paper.dateNeeded', { days: roundDays(paperDays(round), lang, t) }) });
    }
    if (!parsed.ok) errors.push(...parsed.errors.map((e) => paperErrorItem(instrument, e, t)));
    if (errors.length > 0 || !number.success || !parsed.ok) return renderEntry(req, res, 400, typed, errors);
    const tail = body[BLANK_REST.name] === BLANK_REST.value ? [] : blankTail(instrument, parsed.answers);
    if (tail.length > 0) {
      const numberOf = (q: Question) => instrument.questions.indexOf(q) + 1;
      const message = t('paper.blankTail', { from: numberOf(tail[0]!), to: numberOf(tail.at(-1)!) });
      return renderEntry(req, res, 400, typed, [{ target: tail[0]!.id, message }], true);
    }

    const id = recordResponse(services, round, parsed.answers, lang, {
      mode: 'paper',
      staffUserId: user.id,
      sharedDevice: false,
      from: { paperFormNumber: number.data },
      submittedDate: formDate,
    });
    if (id === null) {
      // Keyed at the same moment by someone else: the same refusal as above.
      return renderEntry(req, res, 400, typed, [{ target: NUMBER_FIELD, message: t('paper.numberTaken', { number: number.data }) }]);
    }
    res.redirect(303, staffPaths.after('paper', { form: number.data, skipped: String(parsed.routedOut.length) }));
  });

  return router;
}

function paperErrorItem(instrument: Instrument, error: PaperError, t: Translate): ErrorItem {
  const question = instrument.questions.find((q) => q.id === error.questionId)!;
  const number = instrument.questions.indexOf(question) + 1;
  return { target: question.id, message: t(PAPER_ERROR_TEXT[error.kind], { number, code: error.code ?? '' }) };
}
