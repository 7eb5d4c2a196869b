// The export formats of a round (shared/contract.md, "Exports"), in the order
// the zip and the admin pages list them. A new format is a writer in a file of
// its own and one entry here: its route, its place in export.zip and its line in
// the zip's README follow.
import { writeCodebookCsv } from './codebook-csv.ts';
import { writeCsv } from './csv.ts';
import type { ExportFormat } from './format.ts';
import { writeR } from './r.ts';
import { writeSpss } from './spss.ts';
import { writeStata } from './stata.ts';
import { writeXlsx } from './xlsx.ts';
import { writeZip } from './zip.ts';

const CSV = 'text/csv; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/** Also linked from the codebook page. */
export const CODEBOOK_CSV: ExportFormat = {
  file: 'codebook.csv',
  suffix: '-codebook.csv',
  contentType: CSV,
  about: {
    nb: 'Kodeboken: hva hver variabel og hver kode betyr, på bokmål, nynorsk og engelsk, og når et spørsmål blir stilt.',
    nn: 'Kodeboka: kva kvar variabel og kvar kode tyder, på bokmål, nynorsk og engelsk, og når eit spørsmål blir stilt.',
    en: 'The codebook: what each variable and code means, in Bokmål, Nynorsk and English, and when a question is asked.',
  },
  write: (input) => writeCodebookCsv(input.codebook),
};

/** Everything export.zip holds. */
export const FILE_FORMATS: readonly ExportFormat[] = [
  {
    file: 'export.csv',
    suffix: '.csv',
    contentType: CSV,
    about: {
      nb: 'Dataene, ett svar per rad, med koder. Passer for regneark og statistikkprogrammer.',
      nn: 'Dataa, eitt svar per rad, med kodar. Passar for rekneark og statistikkprogram.',
      en: 'The data, one response per row, in codes. For spreadsheets and statistics programs.',
    },
    write: (input) => writeCsv(input.codebook, input.rows(), input.labels ? { labels: input.language } : {}),
  },
  {
    file: 'export.xlsx',
    suffix: '.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    about: {
      nb: 'Dataene for Excel: arket data har kodene, arket labels har svartekstene, og arket codebook forklarer variablene.',
      nn: 'Dataa for Excel: arket data har kodane, arket labels har svartekstane, og arket codebook forklarer variablane.',
      en: 'The data for Excel: the data sheet has the codes, the labels sheet the answer texts, the codebook sheet explains the variables.',
    },
    write: writeXlsx,
  },
  CODEBOOK_CSV,
  {
    file: 'export.sps',
    suffix: '.sps',
    contentType: TEXT,
    about: {
      nb: 'For SPSS: leser export.csv og setter navn på variabler og koder, og hvilke koder som er manglende verdier.',
      nn: 'For SPSS: les export.csv og set namn på variablar og kodar, og kva kodar som er manglande verdiar.',
      en: 'For SPSS: reads export.csv and labels the variables and codes, with 8 and 9 as missing values.',
    },
    write: (input) => writeSpss(input.codebook, input.language),
  },
  {
    file: 'export.R',
    suffix: '.R',
    contentType: TEXT,
    about: {
      nb: 'For R: leser export.csv og gjør kodene om til faktorer med navn. Trenger ingen pakker.',
      nn: 'For R: les export.csv og gjer kodane om til faktorar med namn. Treng ingen pakkar.',
      en: 'For R: reads export.csv and turns the codes into labelled factors. Needs no packages.',
    },
    write: (input) => writeR(input.codebook, input.language),
  },
  {
    file: 'export.do',
    suffix: '.do',
    contentType: TEXT,
    about: {
      nb: 'For Stata: leser export.csv og setter navn på variabler og koder.',
      nn: 'For Stata: les export.csv og set namn på variablar og kodar.',
      en: 'For Stata: reads export.csv and labels the variables and codes.',
    },
    write: (input) => writeStata(input.codebook, input.language),
  },
];

export const ZIP_FORMAT: ExportFormat = {
  file: 'export.zip',
  suffix: '.zip',
  contentType: 'application/zip',
  about: {
    nb: 'Alle filene over i én nedlasting.',
    nn: 'Alle filene over i éi nedlasting.',
    en: 'All the files above in one download.',
  },
  // Inside the zip the CSV is always codes: the scripts read it.
  write: (input) => writeZip({ ...input, labels: false }, FILE_FORMATS),
};

export const EXPORT_FORMATS: readonly ExportFormat[] = [...FILE_FORMATS, ZIP_FORMAT];
