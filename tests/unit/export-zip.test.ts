// export.zip and the format registry on their own: the zip holds every file of
// the contract and a README, each entry equal to that file made alone, the
// data read once per data entry and never two passes at a time.
import { describe, expect, it } from 'vitest';
import type { ExportInput } from '../../server/export/format.ts';
import { EXPORT_FORMATS, FILE_FORMATS, ZIP_FORMAT } from '../../server/export/formats.ts';
import { README_FILE } from '../../server/export/zip.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import type { ResponseRow } from '../../server/survey/response-row.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { bytesOf, readXlsx } from '../helpers/export-files.ts';
import { responseRow } from '../helpers/response-row.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';
import { readZip } from '../helpers/zip.ts';

const CONTRACT_FILES = ['export.csv', 'export.xlsx', 'codebook.csv', 'export.sps', 'export.R', 'export.do'];
const ROWS = [responseRow({ responseId: 1, answers: { q_single: 1, q_routed: 1 } }), responseRow({ responseId: 2, answers: { q_single: 8, q_multi: [3] } })];

interface Passes {
  started: number;
  open: number;
  mostOpen: number;
}

function input(passes: Passes, labels = false): ExportInput {
  return {
    codebook: buildCodebook(smallInstrument),
    rows: function* (): Generator<ResponseRow> {
      passes.started++;
      passes.open++;
      passes.mostOpen = Math.max(passes.mostOpen, passes.open);
      try {
        yield* ROWS;
      } finally {
        passes.open--;
      }
    },
    language: 'en',
    labels,
    now: new Date('2026-11-23T10:00:00Z'),
  };
}

describe('the registry', () => {
  it('has the contract’s files, then the zip, each with a distinct suffix and an address of its own', () => {
    expect(FILE_FORMATS.map((f) => f.file)).toEqual(CONTRACT_FILES);
    expect(EXPORT_FORMATS.at(-1)).toBe(ZIP_FORMAT);
    expect(new Set(EXPORT_FORMATS.map((f) => f.suffix)).size).toBe(EXPORT_FORMATS.length);
  });

  it('says what each file is for in every language', () => {
    for (const f of EXPORT_FORMATS) for (const l of LANGUAGES) expect(f.about[l].length, `${f.file} ${l}`).toBeGreaterThan(10);
  });
});

describe('export.zip', async () => {
  const passes: Passes = { started: 0, open: 0, mostOpen: 0 };
  // Asked for with labels: inside the zip the CSV is codes all the same, since the scripts read it.
  const entries = readZip(await bytesOf(ZIP_FORMAT.write(input(passes, true))));
  const entry = (name: string) => entries.find((e) => e.name === name)!.data;

  it('holds the contract’s files and a README, in that order', () => {
    expect(entries.map((e) => e.name)).toEqual([...CONTRACT_FILES, README_FILE]);
  });

  it('holds each text file exactly as it is made alone, the CSV in codes', async () => {
    for (const format of FILE_FORMATS.filter((f) => f.file !== 'export.xlsx')) {
      const alone = await bytesOf(format.write(input({ started: 0, open: 0, mostOpen: 0 })));
      expect(entry(format.file).equals(alone), format.file).toBe(true);
    }
    expect(entry('export.csv')[0]).toBe('r'.charCodeAt(0));
  });

  it('holds the same workbook as the XLSX made alone', async () => {
    const alone = await bytesOf(FILE_FORMATS[1]!.write(input({ started: 0, open: 0, mostOpen: 0 })));
    expect(await readXlsx(entry('export.xlsx'))).toEqual(await readXlsx(alone));
  });

  it('says in the README what each file is for, in the language asked for', () => {
    const readme = entry(README_FILE).toString('utf8');
    for (const f of FILE_FORMATS) expect(readme).toContain(`${f.file}: ${f.about.en}`);
    expect(readme).toContain('small-1');
  });

  it('reads the responses once for the CSV and twice for the XLSX, one pass at a time', () => {
    expect(passes.started).toBe(3);
    expect(passes.mostOpen).toBe(1);
    expect(passes.open).toBe(0);
  });

  it('closes the pass over the responses when the download stops', async () => {
    const stopped: Passes = { started: 0, open: 0, mostOpen: 0 };
    const many: ExportInput = {
      ...input(stopped),
      rows: function* () {
        stopped.open++;
        try {
          for (let i = 1; i <= 200_000; i++) yield responseRow({ responseId: i });
        } finally {
          stopped.open--;
        }
      },
    };
    const chunks = ZIP_FORMAT.write(many)[Symbol.asyncIterator]();
    await chunks.next();
    await chunks.next();
    expect(stopped.open).toBe(1);
    await chunks.return?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped.open).toBe(0);
  });
});
