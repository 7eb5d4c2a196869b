// codebook.csv (shared/contract.md, "Exports"): one row per variable, then one
// per code of it. Every language of the questionnaire has its own text columns.
import { Readable } from 'node:stream';
import type { Cell, Codebook } from '../survey/codebook.ts';
import { LANGUAGES } from '../survey/types.ts';
import { formulaSafe } from './cells.ts';
import { BOM, csvChunks } from './csv.ts';

export function codebookHeader(): string[] {
  return [
    'variable',
    ...LANGUAGES.map((l) => `question_${l}`),
    'code',
    ...LANGUAGES.map((l) => `label_${l}`),
    'missing',
    'shown_when',
  ];
}

/**
 * The header and records. A variable's own row has its texts and routing and an
 * empty code; each code's row has the code, its labels and whether it is a
 * missing-value code (1 for 8 and 9).
 */
export function codebookRecords(codebook: Codebook): Cell[][] {
  const none = LANGUAGES.map(() => '');
  const records: Cell[][] = [codebookHeader()];
  for (const v of codebook.variables) {
    records.push([v.name, ...LANGUAGES.map((l) => v.label[l]), '', ...none, '', v.shownWhen ?? '']);
    for (const value of v.values) {
      records.push([v.name, ...none, value.code, ...LANGUAGES.map((l) => value.label[l]), value.missing ? 1 : 0, '']);
    }
  }
  return records.map((record) => record.map(formulaSafe));
}

/** With a BOM: people open this file in Excel, and it is nearly all text in three languages. */
export function writeCodebookCsv(codebook: Codebook): Readable {
  return Readable.from(csvChunks(codebookRecords(codebook), BOM));
}
