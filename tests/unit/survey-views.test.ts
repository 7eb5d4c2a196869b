// The question and check pages' views (server/http/citizen/survey-views.ts) are
// pure: the same definition, answers and language give the same page, with no
// request or store. What a respondent would notice on them is checked here.
import { describe, expect, it } from 'vitest';
import type { Round } from '../../db/rounds.ts';
import { checkPage, questionPage } from '../../server/http/citizen/survey-views.ts';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { DONT_KNOW, PREFER_NOT_TO_SAY } from '../../server/survey/types.ts';
import { parseAnswers } from '../../server/survey/validate.ts';
import { OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';

const round: Round = {
  id: 1,
  slug: 'demo',
  title: 'Demo',
  organisation: 'Demo kommune',
  mainLanguage: 'nb',
  status: 'open',
  createdDate: '2026-01-01',
  closedDate: null,
  opensDate: null,
  closesDate: null,
  languages: null,
  contactEmail: null,
  dataController: null,
};

const answersOf = (fields: Record<string, unknown>) => {
  const parsed = parseAnswers(instrument.questions.filter((q) => q.id in fields), fields);
  if (!parsed.ok) throw new Error('the fixture does not parse');
  return parsed.answers;
};

const base = { instrument, round, lang: 'nb' as const, t: translator('nb'), staffMode: undefined };
const [first, second] = instrument.questions;

describe('the question page', () => {
  it('leads back to the question before, or to the check page when it came from there', () => {
    const answers = answersOf(OLDER_RETIRED);
    const page = questionPage({ ...base, question: second!, answers, selected: [], errors: [], fromCheck: false });
    expect(page.back).toBe(`/s/demo/q/${first!.id}`);
    expect(page.status).toBe(200);
    expect(page.locals?.['progressText']).toBe('Spørsmål 2 av 25');
    expect(questionPage({ ...base, question: second!, answers, selected: [], errors: [], fromCheck: true }).back).toBe('/s/demo/check');
    expect(questionPage({ ...base, question: first!, answers: {}, selected: [], errors: [], fromCheck: false }).back).toBe('/s/demo');
  });

  it('is a 400 with the question\'s own message, linked to its first choice, when nothing was chosen', () => {
    const page = questionPage({ ...base, question: first!, answers: {}, selected: [], errors: [{ kind: 'required', questionId: first!.id }], fromCheck: false });
    expect(page.status).toBe(400);
    expect(page.errors).toEqual([{ target: `${first!.id}-${first!.options[0]!.code}`, message: first!.required.nb }]);
  });

  it('gives a phone interviewer the guidance, and leaves «Vet ikke» and «Vil ikke svare» unread', () => {
    const phone = questionPage({ ...base, staffMode: 'phone', question: first!, answers: {}, selected: [], errors: [], fromCheck: false });
    expect(phone.locals?.['reserved']).toMatchObject({ codes: [DONT_KNOW, PREFER_NOT_TO_SAY] });
    expect(phone.locals?.['staffNote']).toMatchObject({ generalOpen: true });
    const citizen = questionPage({ ...base, question: first!, answers: {}, selected: [], errors: [], fromCheck: false });
    expect(citizen.locals?.['staffNote']).toBeNull();
    expect(citizen.locals?.['reserved']).toBeNull();
  });
});

describe('the check page', () => {
  it('lists only the questions the answers led to, with each answer\'s label, and leads back to the last one', () => {
    const answers = answersOf(WORKING_ADULT);
    const page = checkPage({ ...base, answers });
    const rows = (page.locals?.['sections'] as { rows: { short: string; answers: string[]; href: string }[] }[]).flatMap((s) => s.rows);
    expect(rows.some((r) => r.href.includes('coherence_'))).toBe(false);
    const age = rows.find((r) => r.href === '/s/demo/q/age_group?from=check');
    expect(age?.answers).toEqual(['35–44 år']);
    expect(page.back).toBe(`/s/demo/q/${instrument.questions.at(-1)!.id}`);
  });
});
