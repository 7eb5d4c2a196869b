// A questionnaire of three questions for the export writers' unit tests: a
// single choice with 8 and 9, a multi-select, and a routed question. Its texts
// hold what each format must escape: quotes of both kinds, a comma, a line
// break, a backslash, `$` and a backquote, and a cell that starts a formula.
import { instrument } from '../../server/survey/definition.ts';
import type { Instrument, Question, Text } from '../../server/survey/types.ts';

const text = (nb: string, nn: string, en: string): Text => ({ nb, nn, en });

const single: Question = {
  id: 'q_single',
  type: 'single',
  section: 'about',
  text: text('Er du «glad» i "data"?', 'Kostar det $5 eller `x\' i "data"?', 'Do you like "data", O\'Brien?'),
  short: text('Glad i data', 'Glad i data', 'Likes data'),
  required: text('Velg', 'Vel', 'Select'),
  options: [
    { code: 1, label: text('Ja, \'veldig\'', 'Ja, \'veldig\'', 'Yes, \'very\'') },
    { code: 2, label: text('Nei\\ikke', 'Nei "\'ikkje\'"', 'No\\not') },
    { code: 8, label: text('Vet ikke', 'Veit ikkje', "Don't know") },
    { code: 9, label: text('Vil ikke svare', 'Vil ikkje svare', 'Prefer not to say') },
  ],
};

const multi: Question = {
  id: 'q_multi',
  type: 'multi',
  section: 'about',
  text: text('Hva har du? $HOME `x\'', 'Kva har du? $HOME `x\'', 'What do you have? $HOME `x\''),
  short: text('Utstyr', 'Utstyr', 'Devices'),
  required: text('Velg', 'Vel', 'Select'),
  options: [
    { code: 1, label: text('PC, nettbrett', 'PC, nettbrett', 'PC, tablet') },
    { code: 2, label: text('=SUM(1)', '=SUM(1)', '=SUM(1)') },
    { code: 3, label: text('Ingen', 'Ingen', 'None'), exclusive: true },
  ],
};

const routed: Question = {
  id: 'q_routed',
  type: 'single',
  section: 'about',
  showIf: { question: 'q_single', anyOf: [1] },
  text: text(
    'Et langt spørsmål som bare blir stilt til dem som svarte ja, og som er lengre enn åtti tegn til sammen',
    'Eit langt spørsmål som berre blir stilt til dei som svarte ja, og som er lengre enn åtti teikn til saman',
    'A long question only asked of those who said yes, and longer than eighty characters in all of it',
  ),
  short: text('Langt', 'Langt', 'Long'),
  required: text('Velg', 'Vel', 'Select'),
  options: [
    { code: 1, label: text('Linje\nto', 'Linje\nto', 'Line\ntwo') },
    { code: 8, label: text('Vet ikke', 'Veit ikkje', "Don't know") },
  ],
};

export const smallInstrument: Instrument = { ...instrument, version: 'small-1', questions: [single, multi, routed] };
