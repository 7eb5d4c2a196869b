// Integrity rules for an instrument, run by the unit tests and at start-up so a
// broken definition never serves a citizen.
import { DONT_KNOW, PREFER_NOT_TO_SAY, type Instrument } from './types.ts';

const ID = /^[a-z][a-z0-9_]*$/;
const RESERVED_LABELS: Record<number, string> = { [DONT_KNOW]: 'Vet ikke', [PREFER_NOT_TO_SAY]: 'Vil ikke svare' };

/** Returns every problem found; an empty list means the instrument is sound. */
export function checkInstrument(instrument: Instrument): string[] {
  const problems: string[] = [];
  const sectionIds = new Set(instrument.sections.map((s) => s.id));
  const seen = new Map<string, number>();

  instrument.questions.forEach((q, index) => {
    if (!ID.test(q.id)) problems.push(`${q.id}: id must be lower snake_case`);
    if (seen.has(q.id)) problems.push(`${q.id}: duplicate id`);
    else seen.set(q.id, index);
    if (!sectionIds.has(q.section)) problems.push(`${q.id}: unknown section ${q.section}`);
    if (q.options.length < 2) problems.push(`${q.id}: needs at least two options`);

    const codes = q.options.map((o) => o.code);
    if (new Set(codes).size !== codes.length) problems.push(`${q.id}: duplicate codes`);
    for (const o of q.options) {
      if (!Number.isInteger(o.code) || o.code < 1) problems.push(`${q.id}: code ${o.code} must be a positive integer`);
      const reserved = RESERVED_LABELS[o.code];
      if (q.type === 'single' && reserved !== undefined && o.label.nb !== reserved) {
        problems.push(`${q.id}: code ${o.code} is reserved for «${reserved}»`);
      }
      if (o.exclusive && q.type !== 'multi') problems.push(`${q.id}: only multi-select options can be exclusive`);
    }
    // Every question offers a way to decline (instrument.md, "Conventions").
    const declines =
      q.type === 'single'
        ? codes.some((c) => c === DONT_KNOW || c === PREFER_NOT_TO_SAY) || q.options.some((o) => /^(Har aldri|Ingen)/.test(o.label.nb))
        : q.options.some((o) => o.exclusive);
    if (!declines) problems.push(`${q.id}: offers no way to decline`);

    if (q.showIf) {
      const target = seen.get(q.showIf.question);
      if (target === undefined || target >= index) {
        problems.push(`${q.id}: routing must refer to an earlier question`);
      } else if (instrument.questions[target]!.type !== 'single') {
        problems.push(`${q.id}: routing must depend on a single-choice question`);
      } else {
        const targetCodes = new Set(instrument.questions[target]!.options.map((o) => o.code));
        for (const c of q.showIf.anyOf) {
          if (!targetCodes.has(c)) problems.push(`${q.id}: routing code ${c} is not a code of ${q.showIf.question}`);
        }
      }
    }
  });
  return problems;
}
