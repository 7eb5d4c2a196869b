// export.do: a Stata do-file that imports export.csv and labels it from the
// codebook, in one language: `label define`, `label values`, `label variable`.
// Its comments are `//`, which Stata drops before reading a line; a `*` comment is read
// like a command, macro quotes and all, and a label quoted in it could trip it.
// Stata labels only numbers, so a text column with coded values (language,
// mode, segment) becomes a labelled number in the same place, and the date
// becomes a Stata date.
import { Readable } from 'node:stream';
import type { Codebook, Variable } from '../survey/codebook.ts';
import type { Language } from '../survey/types.ts';
import { aboutLines, DATA_FILE, labelledVariables, missingGroups, missingLabels, oneLine } from './syntax.ts';

/** Stata cuts variable labels at 80 characters; the full texts are in codebook.csv. */
const VARIABLE_LABEL_MAX = 80;

/**
 * A Stata string in compound quotes, so that double quotes inside are plain
 * text; `$` and backquotes are escaped so that Stata does not expand them as
 * macros, and a `"'` that would close the quotes early gets a space between.
 */
export function stataString(text: string): string {
  return '`"' + oneLine(text).replace(/([$`])/g, '\\$1').replace(/"'/g, `" '`) + `"'`;
}

const truncated = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** Where the variable must be read as text, and where as a number (an all-empty column would guess wrong). */
function importLine(codebook: Codebook): string {
  const positions = (test: (v: Variable) => boolean) =>
    codebook.variables.flatMap((v, i) => (test(v) ? [String(i + 1)] : [])).join(' ');
  const text = positions((v) => v.type !== 'integer');
  const numbers = positions((v) => v.type === 'integer');
  return (
    `import delimited using "${DATA_FILE}", clear varnames(1) encoding("utf-8") delimiters(",") bindquote(strict)` +
    (text ? ` stringcols(${text})` : '') +
    (numbers ? ` numericcols(${numbers})` : '')
  );
}

/** Puts a labelled number in the place of a text column with coded values. */
function encodeText(v: Variable): string[] {
  const temporary = `__${v.name}`.slice(0, 32);
  return [
    `// ${v.name}: its text codes become the numbers 1 to ${v.values.length}, labelled, in the same place.`,
    `generate byte ${temporary} = .`,
    ...v.values.map((value, i) => `replace ${temporary} = ${i + 1} if ${v.name} == ${stataString(String(value.code))}`),
    `order ${temporary}, after(${v.name})`,
    `drop ${v.name}`,
    `rename ${temporary} ${v.name}`,
  ];
}

function dateColumn(v: Variable): string[] {
  const temporary = `__${v.name}`.slice(0, 32);
  return [
    `// ${v.name}: a Stata date instead of text.`,
    `generate ${temporary} = date(${v.name}, "YMD")`,
    `format ${temporary} %tdCCYY-NN-DD`,
    `order ${temporary}, after(${v.name})`,
    `drop ${v.name}`,
    `rename ${temporary} ${v.name}`,
  ];
}

export function stataDo(codebook: Codebook, language: Language): string {
  const lines: string[] = aboutLines(codebook, language, 'Stata do-file (Stata 14 or newer)', 'cd "the folder"').map((l) => `// ${l}`);
  const groups = [...missingGroups(codebook).values()];
  const missing = missingLabels(codebook, language).sort((a, b) => Number(a.code) - Number(b.code));
  if (groups.length > 0) {
    // One extended missing value per code, the same in every variable: .a for the first code, .b for the next.
    const extended = new Map(missing.map((m, i) => [m.code, `.${String.fromCharCode(97 + i)}`]));
    lines.push(
      `// ${missing.map((m) => `${m.code} «${m.label}»`).join(' and ')} are kept as labelled values. To leave them out`,
      `// of an analysis, make them extended missing values (${[...extended.values()].join(', ')}) after running this file:`,
      ...groups.map((g) => `//   mvdecode ${g.names.join(' ')}, mv(${g.codes.map((code) => `${code}=${extended.get(code)}`).join(' \\ ')})`),
    );
  }
  lines.push('', importLine(codebook), '');

  for (const v of codebook.variables) {
    if (v.type === 'date') lines.push(...dateColumn(v));
  }
  for (const v of labelledVariables(codebook)) {
    const numbered = v.values.map((value, i) => ({ number: typeof value.code === 'number' ? value.code : i + 1, label: value.label[language] }));
    if (v.type === 'string') lines.push(...encodeText(v));
    lines.push(
      `label define ${v.name} ${numbered.map((n) => `${n.number} ${stataString(n.label)}`).join(' ')}, replace`,
      `label values ${v.name} ${v.name}`,
    );
  }
  lines.push('');
  for (const v of codebook.variables) lines.push(`label variable ${v.name} ${stataString(truncated(v.label[language], VARIABLE_LABEL_MAX))}`);
  lines.push('');
  return lines.join('\n');
}

export function writeStata(codebook: Codebook, language: Language): Readable {
  return Readable.from(stataDo(codebook, language));
}
