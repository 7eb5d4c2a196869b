// Dates as the survey stores them: the calendar day in Norway, never a time of day.

const osloDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in Europe/Oslo. */
export function osloDate(at: Date): string {
  return osloDay.format(at);
}

/** The app's clock; tests pass a fake one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
