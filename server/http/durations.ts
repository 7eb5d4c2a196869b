// Idle limits as people say them: «30 minutter», «5 timer».
import type { Translate } from '../i18n/messages.ts';

export function formatDuration(t: Translate, minutes: number): string {
  const whole = Math.round(minutes);
  if (whole === 1) return t('duration.oneMinute');
  // Up to two hours in minutes («90 minutter»), then in whole hours, rounded.
  if (whole < 120) return t('duration.minutes', { n: whole });
  return t('duration.hours', { n: Math.round(whole / 60) });
}
