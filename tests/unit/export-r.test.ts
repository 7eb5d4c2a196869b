// export.R on its own: base R only, reads export.csv with a class per column,
// makes a labelled factor of every coded variable in the language asked for,
// sets variable labels, and escapes what R strings must.
import { describe, expect, it } from 'vitest';
import { rScript, rString } from '../../server/export/r.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

const codebook = buildCodebook(smallInstrument);
const en = rScript(codebook, 'en');

describe('export.R', () => {
  it('says at the top which file it reads, and uses no package', () => {
    expect(en.split('\n')[0]).toMatch(/^# R script \(base R, no packages\) for export\.csv/);
    expect(en).not.toMatch(/library\(|require\(|::/);
  });

  it('reads export.csv as UTF-8 with empty cells as NA and a class for every column', () => {
    expect(en).toContain('survey <- read.csv(\n  "export.csv",\n  fileEncoding = "UTF-8",\n  na.strings = "",');
    const classes = codebook.variables.map((v) => `    "${v.name}" = "${{ integer: 'integer', string: 'character', date: 'Date' }[v.type]}"`);
    expect(en).toContain(`colClasses = c(\n${classes.join(',\n')}\n  )`);
  });

  it('makes a factor of every coded variable, with codes as levels and labels in the language asked for', () => {
    for (const v of codebook.variables.filter((v) => v.values.length > 0)) {
      const levels = v.values.map((value) => (typeof value.code === 'number' ? value.code : `"${value.code}"`)).join(', ');
      const labels = v.values.map((value) => rString(value.label.en)).join(', ');
      expect(en).toContain(`survey[["${v.name}"]] <- factor(survey[["${v.name}"]],\n  levels = c(${levels}),\n  labels = c(${labels}))`);
    }
  });

  it('keeps 8 and 9 as levels and says how to drop them', () => {
    expect(en).toContain('levels = c(1, 2, 8, 9)');
    expect(en).toContain(`missing_labels <- c("Don't know", "Prefer not to say")`);
    expect(en).toContain('droplevels');
  });

  it('sets a label on every variable, after the factors', () => {
    for (const v of codebook.variables) expect(en).toContain(`attr(survey[["${v.name}"]], "label") <- ${rString(v.label.en)}`);
    expect(en.indexOf('attr(')).toBeGreaterThan(en.lastIndexOf('factor('));
  });

  it('escapes quotes, backslashes and line breaks', () => {
    expect(en).toContain('"Do you like \\"data\\", O\'Brien?"');
    expect(en).toContain('"No\\\\not"');
    expect(en).toContain('"Line\\ntwo"');
  });

  it('has a label for every code of every question of the real questionnaire', () => {
    const real = rScript(buildCodebook(instrument), 'nb');
    for (const q of instrument.questions.filter((q) => q.type === 'single')) {
      expect(real).toContain(`levels = c(${q.options.map((o) => o.code).join(', ')}),\n  labels = c(${q.options.map((o) => rString(o.label.nb)).join(', ')}))`);
    }
  });
});
