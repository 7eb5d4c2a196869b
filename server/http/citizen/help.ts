// "Ja, jeg vil ha hjelp med digitale tjenester" (issue 4, point 5): after the
// receipt a citizen may leave a name and a phone number or e-mail address, and
// admins follow the requests up at /admin/help (admin/help-requests.ts). Help without linking: the request
// is stored in its own table and statement, after the response and apart from it
// (db/help-requests.ts), and nothing of it is logged.
import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { Round } from '../../../db/rounds.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';
import { freshStart, roundPaths } from './round-pages.ts';
import { roundLimit } from '../middleware/round-limit.ts';
import type { ErrorItem, RenderPage } from '../render.ts';

/**
 * Help requests stored per hour (issue 12, point 3): a browser that has just
 * answered asks once, maybe again to correct a number; a library's public PCs
 * share one address, and thirty in an hour is more than a busy library sees.
 * Counted in memory only (the address is never stored), and only requests
 * that were stored count: a form sent back with an error does not.
 */
export const HELP_LIMITS = { perBrowser: 3, perClient: 30, windowMs: 60 * 60_000 } as const;

/** The error messages, by the rule that fails; the schema below carries them as its issue messages. */
const HELP_ERRORS = {
  nameMissing: 'help.nameMissing',
  nameTooLong: 'help.nameTooLong',
  contactMissing: 'help.contactMissing',
  phoneCharacters: 'help.phoneCharacters',
  phoneShort: 'help.phoneShort',
  phoneLong: 'help.phoneLong',
  emailFormat: 'help.emailFormat',
  emailTooLong: 'help.emailTooLong',
  consentMissing: 'help.consentMissing',
} as const satisfies Record<string, MessageKey>;
type HelpError = (typeof HELP_ERRORS)[keyof typeof HELP_ERRORS];
const isHelpError = (message: string): message is HelpError => (Object.values(HELP_ERRORS) as string[]).includes(message);

const PHONE_CHARACTERS = /^[0-9 +-]+$/;
/** Eight digits is a Norwegian number; spaces, + and - are how people write them, so they are allowed too. */
const PHONE_MIN_DIGITS = 8;
const CONSENT = 'yes';

/** A tampered form may post an array or nothing: both read as an empty field. Spaces around a value are dropped. */
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const textOrNothing = (value: unknown): string | undefined => text(value) || undefined;

const helpForm = z
  .object({
    name: z.preprocess(text, z.string().min(1, HELP_ERRORS.nameMissing).max(200, HELP_ERRORS.nameTooLong)),
    phone: z.preprocess(
      textOrNothing,
      z
        .string()
        .regex(PHONE_CHARACTERS, HELP_ERRORS.phoneCharacters)
        .refine((phone) => phone.replace(/\D/g, '').length >= PHONE_MIN_DIGITS, HELP_ERRORS.phoneShort)
        .max(20, HELP_ERRORS.phoneLong)
        .optional(),
    ),
    email: z.preprocess(textOrNothing, z.email(HELP_ERRORS.emailFormat).max(254, HELP_ERRORS.emailTooLong).optional()),
    consent: z.preprocess(text, z.literal(CONSENT, HELP_ERRORS.consentMissing)),
  })
  // Checked even when another field fails, so the summary lists every problem at once.
  .refine((form) => form.phone !== undefined || form.email !== undefined, {
    path: ['contact'],
    error: HELP_ERRORS.contactMissing,
    when: () => true,
  });

type HelpField = 'name' | 'contact' | 'phone' | 'email' | 'consent';
/** Page order, for the error summary; `contact` is the phone-or-e-mail group, its link goes to the phone field. */
const FIELDS: readonly HelpField[] = ['name', 'contact', 'phone', 'email', 'consent'];
const TARGETS: Readonly<Record<HelpField, string>> = { name: 'name', contact: 'phone', phone: 'phone', email: 'email', consent: 'consent' };

interface HelpValues {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly consent: boolean;
}

/** What the citizen typed, as typed, to show the form again after an error (R24: values kept). */
function postedValues(body: unknown): HelpValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const asTyped = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { name: asTyped(raw['name']), phone: asTyped(raw['phone']), email: asTyped(raw['email']), consent: raw['consent'] === CONSENT };
}

/** The first message per field: one problem at a time is easier to fix. */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): Partial<Record<HelpField, HelpError>> {
  const errors: Partial<Record<HelpField, HelpError>> = {};
  for (const issue of issues) {
    const field = FIELDS.find((f) => f === issue.path[0]);
    if (field && errors[field] === undefined && isHelpError(issue.message)) errors[field] = issue.message;
  }
  return errors;
}

export function helpRouter(services: Services, render: RenderPage): Router {
  const { stores, clock, config } = services;
  const router = Router();

  const helpPath = (round: Round) => `/s/${round.slug}/help`;

  const renderForm = async (
    req: Request,
    res: Response,
    values: HelpValues,
    fieldErrors: Partial<Record<HelpField, HelpError>> = {},
  ): Promise<void> => {
    const { round, t } = res.locals;
    const messages: Partial<Record<HelpField, string>> = {};
    for (const field of FIELDS) {
      const key = fieldErrors[field];
      if (key) messages[field] = t(key);
    }
    const errors: ErrorItem[] = FIELDS.flatMap((field) => {
      const message = messages[field];
      return message ? [{ target: TARGETS[field], message }] : [];
    });
    await render(req, res, {
      view: 'citizen/help',
      status: errors.length > 0 ? 400 : 200,
      title: t('help.title'),
      page: 'help',
      back: roundPaths.receipt(round),
      organisation: round.organisation,
      errors,
      locals: { values, fieldErrors: messages, consentValue: CONSENT, days: config.helpRequestDays },
    });
  };

  /** Only the session that has just submitted this round may ask: anyone else goes to the start page. */
  const mayAsk = (req: Request, res: Response): boolean => {
    const { round } = res.locals;
    if (req.session.data.submitted === round.slug) return true;
    res.redirect(303, roundPaths.start(round));
    return false;
  };

  router.get('/s/:slug/help', async (req, res) => {
    const { round, t } = res.locals;
    if (!mayAsk(req, res)) return;
    if (req.query['sent'] === '1') {
      await render(req, res, {
        view: 'citizen/help-sent',
        title: t('help.sentTitle'),
        page: 'help-sent',
        organisation: round.organisation,
        locals: { days: config.helpRequestDays, startHref: freshStart(round, req.session.data.kiosk) },
      });
      return;
    }
    await renderForm(req, res, { name: '', phone: '', email: '', consent: false });
  });

  const limit = (max: number, key: (req: Request) => string) =>
    roundLimit(render, { title: 'helpLimit.title', body: 'helpLimit.body' }, {
      windowMs: HELP_LIMITS.windowMs,
      limit: max,
      skipFailedRequests: true,
      keyGenerator: key,
    });
  // The browser by its session cookie's hash (a request here always has one: only the receipt leads here).
  const perBrowser = limit(HELP_LIMITS.perBrowser, (req) => `browser:${req.session.idHash}`);
  const perClient = limit(HELP_LIMITS.perClient, (req) => `client:${ipKeyGenerator(req.ip ?? '')}`);

  router.post('/s/:slug/help', perClient, perBrowser, async (req, res) => {
    const { round } = res.locals;
    if (!mayAsk(req, res)) return;
    const parsed = helpForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderForm(req, res, postedValues(req.body), fieldErrorsOf(parsed.error.issues));
    const { name, phone, email } = parsed.data;
    // Its own statement, after the response was committed: never in the response's transaction.
    // Nothing in the session says it was sent: a session row says when it was last used, and that
    // must not point at a request. A double click stores one row (the store drops an identical one).
    stores.helpRequests.add({ name, phone: phone ?? null, email: email ?? null, receivedDate: osloDate(clock()) });
    res.redirect(303, `${helpPath(round)}?sent=1`);
  });

  return router;
}
