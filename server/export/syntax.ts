// What the SPSS, R and Stata scripts share: the file they read, the lines that
// say so at their top, and the codebook read the way they need it.
import type { Codebook, Variable } from '../survey/codebook.ts';
import type { Language } from '../survey/types.ts';

/** The CSV the scripts read: its name inside export.zip (a single download is called `<slug>-<date>.csv`). */
export const DATA_FILE = 'export.csv';

/** The comment lines at the top of every script (without the comment marker). */
export function aboutLines(codebook: Codebook, language: Language, program: string, folderCommand: string): string[] {
  return [
    `${program} for ${DATA_FILE}: the responses of one survey round, with labels in language "${language}".`,
    `It expects ${DATA_FILE} (as in export.zip) in the working folder: ${folderCommand}.`,
    `A CSV downloaded on its own is called <round>-<date>.csv: rename it to ${DATA_FILE}, or change the name below.`,
    `Questionnaire version ${codebook.instrumentVersion}; segment rule ${codebook.segmentRule.version}. Full texts: codebook.csv.`,
  ];
}

/** A label on one line: SPSS and Stata end a string at a line break. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');

/** Variables whose codes carry labels. */
export const labelledVariables = (codebook: Codebook): Variable[] => codebook.variables.filter((v) => v.values.length > 0);

/** Codes flagged missing (8, 9), grouped: the variables with the same missing codes, keyed by those codes. */
export function missingGroups(codebook: Codebook): Map<string, { codes: Array<number | string>; names: string[] }> {
  const groups = new Map<string, { codes: Array<number | string>; names: string[] }>();
  for (const v of codebook.variables) {
    const codes = v.values.filter((value) => value.missing).map((value) => value.code);
    if (codes.length === 0) continue;
    const key = codes.join(',');
    const group = groups.get(key) ?? { codes, names: [] };
    group.names.push(v.name);
    groups.set(key, group);
  }
  return groups;
}

/** The missing codes (8, 9) with their labels in a language, each once: «Vet ikke», «Vil ikke svare». */
export function missingLabels(codebook: Codebook, language: Language): Array<{ code: number | string; label: string }> {
  const found = new Map<number | string, string>();
  for (const v of codebook.variables) {
    for (const value of v.values) if (value.missing && !found.has(value.code)) found.set(value.code, value.label[language]);
  }
  return [...found].map(([code, label]) => ({ code, label }));
}
