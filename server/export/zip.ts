// export.zip: every other file of the round in one download, and a README
// saying what each is for. The entries are made one after the other, each
// streamed from its own writer (the data files each from their own pass over the
// database), so memory stays flat however many responses there are.
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Text } from '../survey/types.ts';
import type { ExportFormat, ExportInput } from './format.ts';

export const README_FILE = 'README.txt';

const README_TITLE: Text = {
  nb: 'Svarene fra én runde av undersøkelsen, med kodebok og oppsett for statistikkprogrammer.',
  nn: 'Svara frå éin runde av undersøkinga, med kodebok og oppsett for statistikkprogram.',
  en: 'The responses of one round of the survey, with a codebook and set-ups for statistics programs.',
};
const README_VERSIONS: Text = {
  nb: 'Versjon av spørreskjemaet: {instrument}. Versjon av regelen for «utsatt»: {rule}.',
  nn: 'Versjon av spørjeskjemaet: {instrument}. Versjon av regelen for «utsett»: {rule}.',
  en: 'Questionnaire version: {instrument}. Version of the “utsatt” rule: {rule}.',
};

export function readme(input: ExportInput, entries: readonly ExportFormat[]): string {
  const { language, codebook } = input;
  const versions = README_VERSIONS[language]
    .replace('{instrument}', codebook.instrumentVersion)
    .replace('{rule}', codebook.segmentRule.version);
  return [README_TITLE[language], versions, '', ...entries.map((e) => `${e.file}: ${e.about[language]}`), ''].join('\r\n');
}

interface Entry {
  readonly name: string;
  readonly open: () => Readable;
  /** An XLSX is a zip already: compressing it again costs time and saves nothing. */
  readonly store: boolean;
}

export function writeZip(input: ExportInput, entries: readonly ExportFormat[]): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const files: Entry[] = [
      ...entries.map((format) => ({ name: format.file, open: () => format.write(input), store: format.file.endsWith('.xlsx') })),
      { name: README_FILE, open: () => Readable.from(readme(input, entries)), store: false },
    ];
    const archive = new ZipArchive({ zlib: { level: 6 } });
    let current: Readable | undefined;
    let next = 0;
    // archiver starts reading an entry as soon as it is appended: one at a time, so
    // two passes over the database never run side by side.
    const appendNext = (): void => {
      const file = files[next++];
      if (!file) {
        // A failure is also emitted as 'error', which ends the download below.
        archive.finalize().catch(() => undefined);
        return;
      }
      current = file.open();
      // archiver pipes the entry, and a pipe does not pass errors on: without this a failed pass over the database would hang the download.
      current.on('error', (err) => archive.destroy(err));
      archive.append(current, { name: file.name, date: input.now, store: file.store });
    };
    archive.on('entry', appendNext);
    // A stopped download closes the archive: the entry being read closes its pass over the database.
    archive.on('close', () => current?.destroy());
    appendNext();
    yield* archive;
  }
  return Readable.from(bytes());
}
