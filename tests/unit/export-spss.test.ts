// export.sps on its own: reads export.csv as UTF-8 from line 2, labels every
// variable and every code in the language asked for, declares 8/9 missing, and
// escapes apostrophes.
import { describe, expect, it } from 'vitest';
import { spssString, spssSyntax } from '../../server/export/spss.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

const codebook = buildCodebook(smallInstrument);
const nb = spssSyntax(codebook, 'nb');

/** The lines of one command, from its first line to the line with only its period. */
function command(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(name));
  expect(start, name).toBeGreaterThan(-1);
  return lines.slice(start, lines.indexOf('.', start) + 1);
}

describe('export.sps', () => {
  it('says at the top which file it reads, as a comment', () => {
    expect(nb.split('\n')[0]).toBe('* Encoding: UTF-8.');
    expect(nb.split('\n').slice(1, 5).every((l) => l.startsWith('* ') && l.endsWith('.'))).toBe(true);
    expect(nb).toContain('* SPSS syntax for export.csv');
  });

  it('reads export.csv as UTF-8, comma-separated, from the second line', () => {
    const get = command(nb, 'GET DATA');
    for (const sub of ["/TYPE=TXT", "/FILE='export.csv'", "/ENCODING='UTF8'", '/FIRSTCASE=2', "/DELIMITERS=','", `/QUALIFIER='"'`]) {
      expect(get, sub).toContain(`  ${sub}`);
    }
  });

  it('lists every column in order, with a format from its type', () => {
    const variables = command(nb, 'GET DATA');
    const listed = variables.slice(variables.indexOf('  /VARIABLES=') + 1, -1).map((l) => l.trim().split(' '));
    expect(listed.map(([name]) => name)).toEqual(codebook.variables.map((v) => v.name));
    const formats = Object.fromEntries(listed);
    expect(formats).toMatchObject({ response_id: 'F10.0', q_single: 'F10.0', submitted_date: 'SDATE10', round: 'A255', language: 'A2', mode: 'A8' });
    // Only as a comment: PSPP does not know the command.
    expect(nb).toContain('* Text is read 255 wide. In SPSS 16 or newer, ALTER TYPE round instrument_version segment_reasons rule_version (A=AMIN).');
    expect(nb).not.toMatch(/^ALTER TYPE/m);
  });

  it('labels every variable in the language asked for, apostrophes doubled', () => {
    const labels = command(nb, 'VARIABLE LABELS');
    expect(labels).toHaveLength(codebook.variables.length + 2);
    for (const v of codebook.variables) expect(labels.join('\n')).toContain(`${v.name} ${spssString(v.label.nb)}`);
    expect(spssSyntax(codebook, 'en')).toContain(`/q_single 'Do you like "data", O''Brien?'`);
  });

  it('labels every code of every labelled variable, text codes quoted', () => {
    const block = command(nb, 'VALUE LABELS').join('\n');
    for (const v of codebook.variables.filter((v) => v.values.length > 0)) {
      const codes = v.values.map((value) => `    ${typeof value.code === 'number' ? value.code : `'${value.code}'`} ${spssString(value.label.nb)}`);
      expect(block).toContain(`${v.name}\n${codes.join('\n')}`);
    }
    expect(block).toContain("    1 'Ja, ''veldig'''");
    expect(block).toContain("    'nb' 'Bokmål'");
    // A line break in a label would end the string: it becomes a space.
    expect(block).toContain("    1 'Linje to'");
  });

  it('declares 8 and 9 missing where the question has them', () => {
    expect(command(nb, 'MISSING VALUES')).toEqual(['MISSING VALUES', '  q_single (8, 9)', '  /q_routed (8)', '.']);
  });

  it('has a value label for every code of every question of the real questionnaire', () => {
    const real = spssSyntax(buildCodebook(instrument), 'nn');
    for (const q of instrument.questions) {
      if (q.type === 'single') for (const o of q.options) expect(real).toContain(`    ${o.code} ${spssString(o.label.nn)}`);
    }
  });
});
