// The national figures a round is read against (shared/instrument.md,
// "Reference figures from the report"): IT i praksis 2022, the citizen survey
// (Rambøll, IKT-Norge, Digdir, NTNU; Ipsos, 1 000 phone interviews, 16+).
import type { Text } from '../survey/types.ts';

export const REFERENCE_SOURCE: Text = {
  nb: 'IT i praksis 2022 (Rambøll, IKT-Norge, Digdir og NTNU), innbyggerundersøkelsen',
  nn: 'IT i praksis 2022 (Rambøll, IKT-Noreg, Digdir og NTNU), innbyggjarundersøkinga',
  en: 'IT i praksis 2022 (Rambøll, IKT-Norge, Digdir and NTNU), the citizen survey',
};

/** A share the study published for one cell of a report table; `high` when it gave a range. */
export interface ReferenceFigure {
  readonly table: string;
  /** The report column: `alle` or a segment. */
  readonly column: string;
  readonly code: number | string;
  readonly share: number;
  readonly high?: number;
}

const channel = (code: number, utsatt: number, ovrige: number): ReferenceFigure[] => [
  { table: 'channel_pref', column: 'utsatt', code, share: utsatt },
  { table: 'channel_pref', column: 'ovrige', code, share: ovrige },
];

export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  // Preferred channel, utsatt vs øvrig befolkning.
  ...channel(1, 0.35, 0.45),
  ...channel(3, 0.02, 0.07),
  ...channel(4, 0.3, 0.22),
  ...channel(5, 0.07, 0.03),
  // «Offentlige digitale tjenester er enkle å bruke»: helt uenig.
  { table: 'agree_easy', column: 'utsatt', code: 1, share: 0.068 },
  { table: 'agree_easy', column: 'ovrige', code: 1, share: 0.025 },
  // 91 % rate their skills middels gode or better: 9 % under.
  { table: 'skill_group', column: 'alle', code: 'under', share: 0.09 },
  // The utsatt group is 40–50 % of the population; about 10 % is highly vulnerable.
  { table: 'segment', column: 'alle', code: 'utsatt', share: 0.4, high: 0.5 },
  { table: 'criteria', column: 'alle', code: 'svart_sarbar', share: 0.1 },
];

/** How a round's interval stands to the study's figure. */
export type Comparison = 'within' | 'above' | 'below';

export function compare(reference: ReferenceFigure, interval: { readonly low: number; readonly high: number }): Comparison {
  const high = reference.high ?? reference.share;
  if (interval.low > high) return 'above';
  if (interval.high < reference.share) return 'below';
  return 'within';
}
