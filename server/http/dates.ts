// Days as people read them, in the page's language: «2. mars 2027».
import type { RoundDetails } from '../../db/rounds.ts';
import type { Translate } from '../i18n/messages.ts';
import type { Language } from '../survey/types.ts';

/** Each language's locale for Intl formats: Norwegian dates and the decimal comma. */
export const LOCALE: Readonly<Record<Language, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** A day as people read it: «2. mars 2027». */
export function readableDate(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** «1. mars 2027 – 31. mars 2027», «fra …», «til …» or «ingen faste datoer». */
export function roundDays(round: Pick<RoundDetails, 'opensDate' | 'closesDate'>, lang: Language, t: Translate): string {
  const { opensDate: from, closesDate: to } = round;
  if (from && to) return t('rounds.daysBoth', { from: readableDate(from, lang), to: readableDate(to, lang) });
  if (from) return t('rounds.daysFrom', { from: readableDate(from, lang) });
  if (to) return t('rounds.daysTo', { to: readableDate(to, lang) });
  return t('rounds.daysNone');
}
