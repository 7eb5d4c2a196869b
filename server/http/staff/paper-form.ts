// The questionnaire as it is on paper, shared by the printable form and keyed
// entry so both number the questions and word the routing the same way.
import type { Translate } from '../../i18n/messages.ts';
import type { Instrument, Language, Question } from '../../survey/types.ts';

export interface NumberedQuestion {
  readonly question: Question;
  /** 1, 2, …: its place in the whole questionnaire. */
  readonly number: number;
  /** What to do when the answer decides the route: "If you answered «Ja», go to question 14. If not, go to 16." */
  readonly routeNote: string | null;
  /** On a routed question: "Only if you answered «Ja» to question 13." */
  readonly onlyIf: string | null;
}

export interface NumberedSection {
  readonly title: string;
  readonly questions: readonly NumberedQuestion[];
}

/** Quotation marks as each language writes them. */
export const quote = (text: string, lang: Language): string => (lang === 'en' ? `“${text}”` : `«${text}»`);

export function numberedSections(instrument: Instrument, lang: Language, t: Translate): NumberedSection[] {
  const { questions } = instrument;
  const numberOf = (q: Question): number => questions.indexOf(q) + 1;
  const answersOpening = (source: Question, codes: readonly number[]): string =>
    codes.map((code) => quote(source.options.find((o) => o.code === code)?.label[lang] ?? String(code), lang)).join(', ');

  const numbered = (q: Question): NumberedQuestion => {
    const rule = q.showIf;
    const source = rule ? questions.find((s) => s.id === rule.question) : undefined;
    const dependants = questions.filter((d) => d.showIf?.question === q.id);
    let routeNote: string | null = null;
    if (dependants.length > 0) {
      const first = dependants[0]!;
      // Where those who skip go: the first later question that is not one of the skipped ones.
      const after = questions.slice(numberOf(first)).find((later) => !dependants.includes(later));
      routeNote = t(after ? 'paper.routeNote' : 'paper.routeNoteLast', {
        answers: answersOpening(q, first.showIf!.anyOf),
        to: numberOf(first),
        skipTo: after ? numberOf(after) : 0,
      });
    }
    return {
      question: q,
      number: numberOf(q),
      routeNote,
      onlyIf: rule && source ? t('paper.onlyIf', { answers: answersOpening(source, rule.anyOf), number: numberOf(source) }) : null,
    };
  };

  return instrument.sections.map((section) => ({
    title: section.title[lang],
    questions: questions.filter((q) => q.section === section.id).map(numbered),
  }));
}
