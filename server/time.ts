// Dates as the survey stores them: the calendar day in Norway, never a time of day.

const osloDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const osloMinute = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** YYYY-MM-DD HH:MM in Europe/Oslo: for staff and admin events only, never for answers. */
export function osloTime(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => osloMinute.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The last minute's date: every request asks, and formatting in a time zone is slow. */
let lastDay = { minute: NaN, date: '' };

/** YYYY-MM-DD in Europe/Oslo. */
export function osloDate(at: Date): string {
  // Oslo's offset is whole hours, so a day never begins inside a minute.
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastDay.minute) lastDay = { minute, date: osloDay.format(at) };
  return lastDay.date;
}

/** The moment a day begins in Oslo (23:00 or 22:00 UTC the day before, by the season). */
export function osloMidnight(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const HOUR = 60 * 60_000;
  // Oslo is one or two hours ahead of UTC: its midnight is the earlier of these that is already that day there.
  return new Date([utcMidnight - 2 * HOUR, utcMidnight - HOUR].find((t) => osloDate(new Date(t)) === date) ?? utcMidnight);
}

/** Milliseconds from `now` to the next midnight in Oslo. */
export function msUntilNextOsloMidnight(now: Date): number {
  return Math.max(0, osloMidnight(addDays(osloDate(now), 1)).getTime() - now.getTime());
}

/** The app's clock; tests pass a fake one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

// Calendar arithmetic on stored dates (YYYY-MM-DD), done in UTC on the date
// itself so that no time zone or summer-time change can shift a day.
//
// The retention rule: a row dated D (a draft's last save, a help request's
// arrival, a round's closing) with a retention of N days is kept through
// addDays(D, N) and deleted from the day after. Said from today's side: rows
// dated before retentionCutoff(today, N) are past retention.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

/** The date `days` calendar days after (or, negative, before) `date`. */
export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match || !Number.isInteger(days)) throw new RangeError(`not a date and whole days: ${date}, ${days}`);
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-30 over into March; a stored date never looks like that, so refuse it.
  if (isoDate(at) !== date) throw new RangeError(`not a calendar date: ${date}`);
  at.setUTCDate(at.getUTCDate() + days);
  return isoDate(at);
}

/** Rows dated before this day have been kept their `days` and go today. */
export function retentionCutoff(today: string, days: number): string {
  return addDays(today, -days);
}

/** Whether `text` is a calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  return isoDate(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))) === text;
}
