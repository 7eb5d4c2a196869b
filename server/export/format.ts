// What an export format is: a writer from the codebook and the responses to a
// stream of bytes, and how the file is named and served. The list of formats is
// in formats.ts.
import type { Readable } from 'node:stream';
import type { Codebook } from '../survey/codebook.ts';
import type { ResponseRow } from '../survey/response-row.ts';
import type { Language, Text } from '../survey/types.ts';

export interface ExportInput {
  readonly codebook: Codebook;
  /**
   * A fresh pass over the round's responses on every call, started when first
   * read: a file that needs the data twice (the XLSX's two sheets) or a zip
   * holding several files calls it again instead of keeping rows in memory.
   */
  readonly rows: () => Iterable<ResponseRow>;
  /** The language of labels: the round's main language, or the one asked for. */
  readonly language: Language;
  /** The CSV only: labels instead of codes, with a byte order mark for Excel. */
  readonly labels: boolean;
  /** When the file is made: dates inside the XLSX and the zip. */
  readonly now: Date;
}

export interface ExportFormat {
  /** The file's name in shared/contract.md and inside export.zip; also the last part of its address. */
  readonly file: string;
  /** What the download's name ends with after `<slug>-<date>`. */
  readonly suffix: string;
  readonly contentType: string;
  /** One line in the zip's README: what the file is for. */
  readonly about: Text;
  readonly write: (input: ExportInput) => Readable;
}

