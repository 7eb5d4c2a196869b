// Idle limits as people say them: «30 minutter», «5 timer».
import type { Translate } from '../i18n/messages.ts';

export function formatDuration(t: Translate, minutes: number): string {
  const whole = Math.round(minutes);
  if (whole === 1) return t('duration.oneMinute');
  // In whole hours from two hours on when it is whole hours («5 timer»); else in minutes, never rounded up.
  if (whole < 120 || whole % 60 !== 0) return t('duration.minutes', { n: whole });
  return t('duration.hours', { n: whole / 60 });
}
