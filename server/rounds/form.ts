// A round's details as an admin types them, in the web form or on the command
// line: one schema for both, so the rules cannot drift apart. Messages are
// catalogue keys (server/i18n/messages.ts), shown in the admin's language.
import { z } from 'zod';
import type { MessageKey } from '../i18n/messages.ts';
import { isCalendarDate } from '../time.ts';
import { LANGUAGES, type Language } from '../survey/types.ts';

/** Lower-case letters, digits and single dashes between them: it is typed from posters. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 64;
export const NAME_MAX = 120;
const RESERVED_SLUGS: readonly string[] = ['new'];

/** Every field as text, as a form posts it (a tampered form may post arrays or nothing). */
export const ROUND_FIELDS = ['slug', 'title', 'organisation', 'mainLanguage', 'opensDate', 'closesDate', 'contactEmail', 'dataController'] as const;
export type RoundField = (typeof ROUND_FIELDS)[number] | 'languages';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const key = (k: MessageKey) => k;
const optionalText = (schema: z.ZodType<string, string>) => z.preprocess(text, z.union([z.literal('').transform(() => null), schema]));
const optionalDate = optionalText(z.string().refine(isCalendarDate, key('rounds.dateShape')));

export const roundSlug = z.preprocess(
  (v) => text(v).toLowerCase(),
  z
    .string()
    .min(1, key('rounds.slugMissing'))
    .max(SLUG_MAX, key('rounds.slugLong'))
    .regex(SLUG, key('rounds.slugShape'))
    // /admin/rounds/new is the form for a new round.
    .refine((slug) => !RESERVED_SLUGS.includes(slug), key('rounds.slugReserved')),
);

const details = z
  .object({
    title: z.preprocess(text, z.string().min(1, key('rounds.titleMissing')).max(NAME_MAX, key('rounds.titleLong'))),
    organisation: z.preprocess(text, z.string().min(1, key('rounds.organisationMissing')).max(NAME_MAX, key('rounds.organisationLong'))),
    mainLanguage: z.preprocess(text, z.enum(LANGUAGES, key('rounds.mainLanguageMissing'))),
    opensDate: optionalDate,
    closesDate: optionalDate,
    // Checkboxes: one value per ticked language, none when nothing is ticked.
    languages: z.preprocess(
      (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]),
      z.array(z.enum(LANGUAGES, key('rounds.languagesMissing'))).min(1, key('rounds.languagesMissing')),
    ),
    contactEmail: optionalText(z.email(key('rounds.emailShape')).max(254, key('rounds.emailShape'))),
    dataController: optionalText(z.string().max(200, key('rounds.controllerLong'))),
  })
  .superRefine((round, ctx) => {
    if (round.opensDate && round.closesDate && round.closesDate < round.opensDate) {
      ctx.addIssue({ code: 'custom', path: ['closesDate'], message: key('rounds.closesBeforeOpens') });
    }
    if (!round.languages.includes(round.mainLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: key('rounds.mainLanguageNotOffered') });
    }
  })
  .transform((round) => ({
    ...round,
    // Every language offered is stored as "all": a language added to the questionnaire later is offered too.
    languages: LANGUAGES.every((l) => round.languages.includes(l)) ? null : LANGUAGES.filter((l) => round.languages.includes(l)),
  }));

export const roundDetails = details;
export const newRound = z.intersection(z.object({ slug: roundSlug }), details);

export type ParsedRoundDetails = z.output<typeof details>;

/** The first message per field, as catalogue keys. */
export function fieldErrors(error: z.ZodError): Partial<Record<RoundField, MessageKey>> {
  const out: Partial<Record<RoundField, MessageKey>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as RoundField;
    out[field] ??= issue.message as MessageKey;
  }
  return out;
}

