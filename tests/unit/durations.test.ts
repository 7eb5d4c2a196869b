// Idle limits as the start page says them: never rounded up, so the promise holds.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../server/http/durations.ts';
import { translator } from '../../server/i18n/messages.ts';

describe('formatDuration', () => {
  const nb = translator('nb');
  const en = translator('en');
  it.each([
    [1, '1 minutt'],
    [30, '30 minutter'],
    [90, '90 minutter'],
    [120, '2 timer'],
    [150, '150 minutter'],
    [300, '5 timer'],
  ])('%i minutes read «%s»', (minutes, text) => {
    expect(formatDuration(nb, minutes)).toBe(text);
  });

  it('speaks the page’s language', () => {
    expect(formatDuration(en, 300)).toBe('5 hours');
    expect(formatDuration(en, 1)).toBe('1 minute');
  });
});
