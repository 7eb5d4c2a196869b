// export.sps: SPSS syntax that reads export.csv and gives it variable labels,
// value labels and missing values (8 «Vet ikke», 9 «Vil ikke svare»), from the
// codebook, in one language.
import { Readable } from 'node:stream';
import type { Codebook, Variable } from '../survey/codebook.ts';
import type { Language } from '../survey/types.ts';
import { aboutLines, DATA_FILE, labelledVariables, missingGroups, oneLine } from './syntax.ts';

/** An SPSS string literal on one line: apostrophes doubled. */
export const spssString = (text: string): string => `'${oneLine(text).replace(/'/g, "''")}'`;

const spssValue = (code: number | string): string => (typeof code === 'number' ? String(code) : spssString(code));

/** How GET DATA reads a column. A labelled text column is as wide as its longest code; other text 255 wide. */
function inputFormat(v: Variable): string {
  if (v.type === 'integer') return 'F10.0';
  // SDATE reads YYYY-MM-DD: SPSS accepts dashes between the parts of a date.
  if (v.type === 'date') return 'SDATE10';
  return v.values.length > 0 ? `A${Math.max(...v.values.map((value) => String(value.code).length))}` : 'A255';
}

const chunked = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

export function spssSyntax(codebook: Codebook, language: Language): string {
  const lines: string[] = ['* Encoding: UTF-8.'];
  lines.push(...aboutLines(codebook, language, 'SPSS syntax', "CD 'the folder'").map((line) => `* ${line}`), '');

  lines.push(
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(DATA_FILE)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...codebook.variables.map((v) => `    ${v.name} ${inputFormat(v)}`),
    '.',
  );
  const freeText = codebook.variables.filter((v) => v.type === 'string' && v.values.length === 0).map((v) => v.name);
  // A comment, not the command: PSPP, which many without an SPSS licence use, does not know ALTER TYPE.
  if (freeText.length > 0) lines.push(`* Text is read 255 wide. In SPSS 16 or newer, ALTER TYPE ${freeText.join(' ')} (A=AMIN). makes it as narrow as the data.`);
  lines.push('');

  lines.push('VARIABLE LABELS');
  codebook.variables.forEach((v, i) => lines.push(`  ${i === 0 ? '' : '/'}${v.name} ${spssString(v.label[language])}`));
  lines.push('.', '');

  lines.push('VALUE LABELS');
  labelledVariables(codebook).forEach((v, i) => {
    lines.push(`  ${i === 0 ? '' : '/'}${v.name}`);
    for (const value of v.values) lines.push(`    ${spssValue(value.code)} ${spssString(value.label[language])}`);
  });
  lines.push('.', '');

  const groups = [...missingGroups(codebook).values()];
  if (groups.length > 0) {
    lines.push('MISSING VALUES');
    groups.forEach((g, i) => {
      // A few names per line: older SPSS versions cut long syntax lines.
      const names = chunked(g.names, 6).map((part) => part.join(' '));
      lines.push(`  ${i === 0 ? '' : '/'}${names.join('\n    ')} (${g.codes.map(spssValue).join(', ')})`);
    });
    lines.push('.', '');
  }
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}

export function writeSpss(codebook: Codebook, language: Language): Readable {
  return Readable.from(spssSyntax(codebook, language));
}
