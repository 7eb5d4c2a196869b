// export.R: a base-R script (no packages) that reads export.csv with the right
// column types and turns every coded variable into a factor with the
// codebook's labels, in one language, with the question text as its label.
import { Readable } from 'node:stream';
import type { Codebook, Variable } from '../survey/codebook.ts';
import type { Language } from '../survey/types.ts';
import { aboutLines, DATA_FILE, labelledVariables, missingLabels } from './syntax.ts';

const R_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** An R string literal: backslashes, double quotes and control characters escaped. */
export const rString = (text: string): string => `"${text.replace(/[\\"\n\r\t]/g, (c) => R_ESCAPES[c] ?? c)}"`;

const R_CLASS: Readonly<Record<Variable['type'], string>> = { integer: 'integer', string: 'character', date: 'Date' };

const rVector = (items: readonly string[]): string => `c(${items.join(', ')})`;
const column = (name: string): string => `survey[[${rString(name)}]]`;

export function rScript(codebook: Codebook, language: Language): string {
  const lines: string[] = aboutLines(codebook, language, 'R script (base R, no packages)', 'setwd("the folder")').map((l) => `# ${l}`);
  lines.push('# Run it with source("export.R", encoding = "UTF-8"); the data set is then `survey`.', '');
  const missing = missingLabels(codebook, language);
  const example = codebook.variables.find((v) => v.values.some((value) => value.missing));
  if (example) {
    lines.push(
      `# ${missing.map((m) => `«${m.label}»`).join(' and ')} (codes ${missing.map((m) => m.code).join(' and ')}) are kept as labelled levels.`,
      '# To leave them out of an analysis of a variable, make them NA and drop the empty levels:',
      `#   x <- ${column(example.name)}`,
      '#   x[x %in% missing_labels] <- NA',
      '#   x <- droplevels(x)',
      `missing_labels <- ${rVector(missing.map((m) => rString(m.label)))}`,
      '',
    );
  }
  lines.push(
    'survey <- read.csv(',
    `  ${rString(DATA_FILE)},`,
    '  fileEncoding = "UTF-8",',
    '  na.strings = "",',
    '  check.names = FALSE,',
    '  colClasses = c(',
    ...codebook.variables.map((v, i) => `    ${rString(v.name)} = ${rString(R_CLASS[v.type])}${i === codebook.variables.length - 1 ? '' : ','}`),
    '  )',
    ')',
    '',
  );
  for (const v of labelledVariables(codebook)) {
    const levels = v.values.map((value) => (typeof value.code === 'number' ? String(value.code) : rString(value.code)));
    lines.push(
      `${column(v.name)} <- factor(${column(v.name)},`,
      `  levels = ${rVector(levels)},`,
      `  labels = ${rVector(v.values.map((value) => rString(value.label[language])))})`,
    );
  }
  lines.push('', '# Variable labels (factor() drops attributes, so they are set last).');
  for (const v of codebook.variables) lines.push(`attr(${column(v.name)}, "label") <- ${rString(v.label[language])}`);
  lines.push('');
  return lines.join('\n');
}

export function writeR(codebook: Codebook, language: Language): Readable {
  return Readable.from(rScript(codebook, language));
}
