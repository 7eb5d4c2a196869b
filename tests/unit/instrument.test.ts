// The questionnaire definition against its contract (shared/instrument.md), and
// checkInstrument against deliberately broken copies of it.
import { describe, expect, it } from 'vitest';
import { checkInstrument } from '../../server/survey/check.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES, type AnswerOption, type Instrument, type Question, type Text } from '../../server/survey/types.ts';

function question(id: string, from: Instrument = instrument): Question {
  const found = from.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

/** A copy of the instrument with one question changed. */
function withQuestion(id: string, change: (q: Question) => Question): Instrument {
  return { ...instrument, questions: instrument.questions.map((q) => (q.id === id ? change(q) : q)) };
}

const label = (nb: string): Text => ({ nb, nn: nb, en: nb });

// ---------------------------------------------------------------------------
// The contract, copied from instrument.md: ids in order, and code → nb label.
// ---------------------------------------------------------------------------
const IDS_IN_ORDER = [
  'age_group',
  'gender',
  'main_activity',
  'income',
  'education',
  'skill_self',
  'devices',
  'has_eid',
  'task_login',
  'task_form',
  'task_mailbox',
  'task_scam',
  'agree_easy',
  'agree_language',
  'agree_municipal',
  'trust_rights',
  'trust_data',
  'data_reuse',
  'multi_agency',
  'coherence_alone',
  'coherence_easy',
  'channel_pref',
  'channel_last',
  'help_source',
  'learn_pref',
];

const TASK_SCALE = {
  1: 'Svært lett',
  2: 'Ganske lett',
  3: 'Ganske vanskelig',
  4: 'Svært vanskelig',
  5: 'Har aldri prøvd',
  8: 'Vet ikke',
};
const AGREEMENT_SCALE = {
  1: 'Helt uenig',
  2: 'Delvis uenig',
  3: 'Verken enig eller uenig',
  4: 'Delvis enig',
  5: 'Helt enig',
  8: 'Vet ikke',
};
const DEGREE_SCALE = {
  1: 'I svært liten grad',
  2: 'I liten grad',
  3: 'I noen grad',
  4: 'I stor grad',
  5: 'I svært stor grad',
  8: 'Vet ikke',
};
const CHANNELS = {
  1: 'Digital selvbetjening (skjema eller «Min side» på nett)',
  2: 'E-post',
  3: 'Chat',
  4: 'Telefon',
  5: 'Personlig oppmøte',
  6: 'Brev',
  7: 'Annet',
  8: 'Vet ikke',
};
const YES_NO_DONT_KNOW = { 1: 'Ja', 2: 'Nei', 8: 'Vet ikke' };

const CODES: Record<string, Record<number, string>> = {
  age_group: {
    1: '16–24 år',
    2: '25–34 år',
    3: '35–44 år',
    4: '45–54 år',
    5: '55–66 år',
    6: '67–79 år',
    7: '80 år eller eldre',
    9: 'Vil ikke svare',
  },
  gender: { 1: 'Kvinne', 2: 'Mann', 3: 'Annet', 9: 'Vil ikke svare' },
  main_activity: {
    1: 'I arbeid (heltid eller deltid)',
    2: 'Selvstendig næringsdrivende',
    3: 'Student eller elev',
    4: 'Arbeidsledig eller arbeidssøker',
    5: 'Pensjonist',
    6: 'Uføretrygdet eller mottar arbeidsavklaringspenger',
    7: 'Hjemmeværende',
    10: 'Annet',
    9: 'Vil ikke svare',
  },
  income: {
    1: 'Under 200 000 kr',
    2: '200 000–349 999 kr',
    3: '350 000–500 000 kr',
    4: '500 001–749 999 kr',
    5: '750 000–999 999 kr',
    6: '1 million kr eller mer',
    8: 'Vet ikke',
    9: 'Vil ikke svare',
  },
  education: {
    1: 'Grunnskole',
    2: 'Videregående skole',
    3: 'Fagskole',
    4: 'Universitet/høyskole inntil 4 år',
    5: 'Universitet/høyskole mer enn 4 år',
    9: 'Vil ikke svare',
  },
  skill_self: { 1: 'Svært dårlige', 2: 'Dårlige', 3: 'Middels gode', 4: 'Gode', 5: 'Svært gode', 8: 'Vet ikke' },
  devices: { 1: 'Smarttelefon', 2: 'PC eller nettbrett', 3: 'Internett hjemme', 4: 'Ingen av disse' },
  has_eid: YES_NO_DONT_KNOW,
  task_login: TASK_SCALE,
  task_form: TASK_SCALE,
  task_mailbox: TASK_SCALE,
  task_scam: TASK_SCALE,
  agree_easy: AGREEMENT_SCALE,
  agree_language: AGREEMENT_SCALE,
  agree_municipal: AGREEMENT_SCALE,
  trust_rights: DEGREE_SCALE,
  trust_data: DEGREE_SCALE,
  data_reuse: DEGREE_SCALE,
  multi_agency: YES_NO_DONT_KNOW,
  coherence_alone: DEGREE_SCALE,
  coherence_easy: DEGREE_SCALE,
  channel_pref: CHANNELS,
  channel_last: { ...CHANNELS, 10: 'Har ikke vært i kontakt med offentlige myndigheter' },
  help_source: {
    1: 'Familie eller venner',
    2: 'Biblioteket eller kommunens digihjelp',
    3: 'NAV-kontoret',
    4: 'Andre',
    5: 'Ingen – jeg klarer meg selv',
    6: 'Ingen – jeg har ingen å spørre',
  },
  learn_pref: {
    1: 'Kurs, for eksempel på biblioteket',
    2: 'Hjelp fra familie eller venner',
    3: 'Veiledning fra kommunen',
    4: 'Nettkurs eller video',
    5: 'Jeg ønsker ikke opplæring',
    8: 'Vet ikke',
  },
};

/** Texts marked [IiP] in instrument.md, quoted verbatim (bokmål). */
const IIP_TEXTS: Record<string, string> = {
  skill_self: 'Hvordan vil du bedømme dine digitale ferdigheter?',
  agree_easy: 'Offentlige digitale tjenester er enkle å bruke',
  agree_language: 'I offentlige digitale tjenester brukes et forståelig språk',
  agree_municipal: 'Jeg opplever min kommunes digitale tjenester som tilpasset behovet',
  trust_rights:
    'I hvilken grad har du tillit til at dine rettigheter blir ivaretatt i digitale løsninger fra offentlige myndigheter?',
  trust_data:
    'I hvilken grad har du tillit til at digitale løsninger fra offentlige myndigheter ivaretar dine opplysninger på en trygg måte?',
  data_reuse:
    'I hvilken grad opplever du at ulike offentlige myndigheter ber deg oppgi opplysninger om deg, som de allerede har tilgjengelig?',
  coherence_alone: 'I hvilken grad var du overlatt til deg selv å skape en sammenheng og et overblikk i situasjonen?',
  coherence_easy: 'I hvilken grad var det lett for deg å skape sammenheng og overblikk i situasjonen?',
  channel_pref: 'Når du skal kommunisere med offentlige myndigheter, foretrekker du vanligvis å bruke …',
  channel_last: 'Hvordan henvendte du deg sist gang du var i kontakt med offentlige myndigheter?',
};
const AGREEMENT_STEM = 'Hvor enig eller uenig er du i påstanden: ';

// ---------------------------------------------------------------------------

describe('the real instrument', () => {
  it('passes checkInstrument with no problems', () => {
    expect(checkInstrument(instrument)).toEqual([]);
  });

  it('has the question ids of instrument.md, in order', () => {
    expect(instrument.questions.map((q) => q.id)).toEqual(IDS_IN_ORDER);
    expect(Object.keys(CODES).sort()).toEqual([...IDS_IN_ORDER].sort());
  });

  it.each(IDS_IN_ORDER)('%s has exactly the codes of instrument.md', (id) => {
    const expected = Object.keys(CODES[id] ?? {}).map(Number).sort((a, b) => a - b);
    const actual = question(id).options.map((o) => o.code).sort((a, b) => a - b);
    expect(actual).toEqual(expected);
  });

  it.each(IDS_IN_ORDER)('%s has the bokmål option labels of instrument.md', (id) => {
    const actual = Object.fromEntries(question(id).options.map((o) => [o.code, o.label.nb]));
    expect(actual).toEqual(Object.fromEntries(Object.entries(CODES[id] ?? {})));
  });

  it('offers "Vil ikke svare" (9) on every background question', () => {
    for (const id of ['age_group', 'gender', 'main_activity', 'income', 'education']) {
      expect(question(id).options.some((o) => o.code === 9 && o.label.nb === 'Vil ikke svare')).toBe(true);
    }
  });

  it('has the multi-selects of instrument.md, with their "none" options exclusive', () => {
    expect(instrument.questions.filter((q) => q.type === 'multi').map((q) => q.id)).toEqual(['devices', 'help_source']);
    const exclusive = (id: string): number[] => question(id).options.filter((o) => o.exclusive).map((o) => o.code);
    expect(exclusive('devices')).toEqual([4]);
    expect(exclusive('help_source')).toEqual([5, 6]);
  });

  it('shows coherence_* only when multi_agency = 1, and routes nothing else', () => {
    const routed = instrument.questions.filter((q) => q.showIf).map((q) => [q.id, q.showIf]);
    expect(routed).toEqual([
      ['coherence_alone', { question: 'multi_agency', anyOf: [1] }],
      ['coherence_easy', { question: 'multi_agency', anyOf: [1] }],
    ]);
  });

  it('never offers code 8 or 9 with another meaning', () => {
    for (const q of instrument.questions) {
      for (const o of q.options) {
        if (o.code === 8) expect(o.label.nb, `${q.id} code 8`).toBe('Vet ikke');
        if (o.code === 9) expect(o.label.nb, `${q.id} code 9`).toBe('Vil ikke svare');
      }
    }
  });
});

describe('texts', () => {
  /** Every text of a question, named for the failure message. */
  function textsOf(q: Question): Array<[string, Text]> {
    const texts: Array<[string, Text]> = [
      ['text', q.text],
      ['short', q.short],
      ['required', q.required],
    ];
    if (q.hint) texts.push(['hint', q.hint]);
    if (q.interviewer) texts.push(['interviewer', q.interviewer]);
    q.options.forEach((o: AnswerOption) => texts.push([`option ${o.code}`, o.label]));
    return texts;
  }

  it.each(IDS_IN_ORDER)('%s has every text non-empty in nb, nn and en', (id) => {
    const empty: string[] = [];
    for (const [name, text] of textsOf(question(id))) {
      for (const language of LANGUAGES) {
        if (typeof text[language] !== 'string' || text[language].trim() === '') empty.push(`${name}.${language}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('has every section title non-empty in every language, and every question in a known section', () => {
    for (const section of instrument.sections) {
      for (const language of LANGUAGES) expect(section.title[language].trim()).not.toBe('');
    }
    const sectionIds = instrument.sections.map((s) => s.id);
    for (const q of instrument.questions) expect(sectionIds).toContain(q.section);
  });

  it('multi-selects have the hint "Velg alle som passer."', () => {
    expect(question('devices').hint?.nb).toBe('Velg alle som passer.');
    expect(question('help_source').hint?.nb).toBe('Velg alle som passer.');
  });

  it.each(Object.entries(IIP_TEXTS))('%s has the IiP wording verbatim', (id, wording) => {
    const q = question(id);
    expect(q.source).toBe('IiP');
    if (id.startsWith('agree_')) {
      expect(q.text.nb).toBe(AGREEMENT_STEM + wording);
    } else {
      expect(q.text.nb).toBe(wording);
    }
  });

  it('agree_easy ends with the IiP statement', () => {
    expect(question('agree_easy').text.nb.endsWith('Offentlige digitale tjenester er enkle å bruke')).toBe(true);
  });

  it('marks exactly the IiP-quoted questions with source "IiP"', () => {
    const marked = instrument.questions.filter((q) => q.source === 'IiP').map((q) => q.id);
    expect(marked.sort()).toEqual(Object.keys(IIP_TEXTS).sort());
  });

  it('has the bokmål texts of the background questions from instrument.md', () => {
    expect(question('age_group').text.nb).toBe('Hvor gammel er du?');
    expect(question('gender').text.nb).toBe('Hvilket kjønn er du?');
    expect(question('main_activity').text.nb).toBe('Hva er din viktigste aktivitet nå?');
    expect(question('income').text.nb).toBe('Omtrent hvor stor er din personlige bruttoinntekt per år (før skatt)?');
    expect(question('education').text.nb).toBe('Hva er din høyeste fullførte utdanning?');
    expect(question('task_form').text.nb).toBe('Hvor lett eller vanskelig er det for deg å fylle ut og sende et skjema på nett?');
  });
});

describe('checkInstrument catches broken instruments', () => {
  const mentioning = (id: string, words: string) => expect.stringMatching(new RegExp(`^${id}\\b.*${words}`));

  it('a duplicate question id', () => {
    const gender = question('gender');
    const broken: Instrument = { ...instrument, questions: [...instrument.questions, { ...gender }] };
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'duplicate id'));
  });

  it('a duplicate code within a question', () => {
    const broken = withQuestion('gender', (q) => ({
      ...q,
      options: [...q.options, { code: 2, label: label('Mann igjen') }],
    }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'duplicate code'));
  });

  it('routing that refers to a later question', () => {
    const broken = withQuestion('coherence_alone', (q) => ({ ...q, showIf: { question: 'channel_pref', anyOf: [1] } }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('coherence_alone', 'earlier question'));
  });

  it('routing that refers to the question itself', () => {
    const broken = withQuestion('coherence_alone', (q) => ({ ...q, showIf: { question: 'coherence_alone', anyOf: [1] } }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('coherence_alone', 'earlier question'));
  });

  it('routing that refers to a question that does not exist', () => {
    const broken = withQuestion('coherence_alone', (q) => ({ ...q, showIf: { question: 'no_such_question', anyOf: [1] } }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('coherence_alone', 'earlier question'));
  });

  it('a routing code that the target question lacks', () => {
    const broken = withQuestion('coherence_easy', (q) => ({ ...q, showIf: { question: 'multi_agency', anyOf: [1, 5] } }));
    const problems = checkInstrument(broken);
    expect(problems).toContainEqual(mentioning('coherence_easy', 'routing code 5'));
    // Code 1 is fine and is not reported.
    expect(problems.some((p) => p.includes('routing code 1 '))).toBe(false);
  });

  it('a multi-select without an exclusive option', () => {
    const broken = withQuestion('devices', (q) => ({
      ...q,
      options: q.options.map((o): AnswerOption => ({ code: o.code, label: o.label })),
    }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('devices', 'decline'));
  });

  it('code 8 with a label other than "Vet ikke" on a single question', () => {
    const broken = withQuestion('skill_self', (q) => ({
      ...q,
      options: q.options.map((o) => (o.code === 8 ? { ...o, label: label('Usikker') } : o)),
    }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('skill_self', 'code 8 is reserved'));
  });

  it('code 9 with a label other than "Vil ikke svare" on a single question', () => {
    const broken = withQuestion('gender', (q) => ({
      ...q,
      options: q.options.map((o) => (o.code === 9 ? { ...o, label: label('Ikke-binær') } : o)),
    }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'code 9 is reserved'));
  });

  it.each(['Gender', 'gender-2', '2gender', 'kjønn', ''])('an id that is not lower snake_case: %j', (id) => {
    const broken = withQuestion('gender', (q) => ({ ...q, id }));
    expect(checkInstrument(broken)).toContainEqual(`${id}: id must be lower snake_case`);
  });

  it('a question in a section the instrument does not have', () => {
    const broken = withQuestion('gender', (q) => ({ ...q, section: 'nowhere' as Question['section'] }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'unknown section nowhere'));
  });

  it('a question with fewer than two options', () => {
    const broken = withQuestion('gender', (q) => ({ ...q, options: q.options.slice(0, 1) }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'at least two options'));
  });

  it.each([0, -3, 1.5])('a code that is not a positive whole number: %s', (code) => {
    const broken = withQuestion('gender', (q) => ({ ...q, options: [...q.options, { code, label: label('Annet') }] }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', `code ${code} must be a positive integer`));
  });

  it('an exclusive option on a single-choice question', () => {
    const broken = withQuestion('gender', (q) => ({ ...q, options: q.options.map((o, i) => (i === 0 ? { ...o, exclusive: true } : o)) }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'only multi-select options can be exclusive'));
  });

  it('a single-choice question without «Vet ikke», «Vil ikke svare» or a «none» answer', () => {
    const broken = withQuestion('gender', (q) => ({ ...q, options: q.options.filter((o) => o.code !== 9) }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('gender', 'offers no way to decline'));
    // A «none» answer is a way to decline, as on the scale questions that start «Har aldri».
    const withNone = withQuestion('gender', (q) => ({ ...q, options: [...q.options.filter((o) => o.code !== 9), { code: 7, label: label('Ingen av disse') }] }));
    expect(checkInstrument(withNone)).toEqual([]);
  });

  it('routing that depends on a multi-select', () => {
    const broken = withQuestion('coherence_alone', (q) => ({ ...q, showIf: { question: 'devices', anyOf: [1] } }));
    expect(checkInstrument(broken)).toContainEqual(mentioning('coherence_alone', 'single-choice question'));
  });

  it('reports nothing for the unbroken parts of a broken copy', () => {
    const broken = withQuestion('gender', (q) => ({ ...q, options: [...q.options, { code: 2, label: label('Mann igjen') }] }));
    expect(checkInstrument(broken).every((p) => p.startsWith('gender'))).toBe(true);
  });
});
