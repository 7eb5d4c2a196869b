// export.do on its own: imports export.csv with text and number columns named,
// defines and attaches a value label for every coded variable, turns text codes
// and the date into Stata values, and keeps Stata from reading $ and ` as macros.
import { describe, expect, it } from 'vitest';
import { stataDo, stataString } from '../../server/export/stata.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

const codebook = buildCodebook(smallInstrument);
const nn = stataDo(codebook, 'nn');
const positions = (test: (type: string) => boolean) =>
  codebook.variables.flatMap((v, i) => (test(v.type) ? [i + 1] : [])).join(' ');

describe('export.do', () => {
  it('says at the top which file it reads', () => {
    expect(nn.split('\n')[0]).toMatch(/^\/\/ Stata do-file .* for export\.csv/);
  });

  it('imports export.csv as UTF-8, text columns as text and the rest as numbers', () => {
    expect(nn).toContain(
      `import delimited using "export.csv", clear varnames(1) encoding("utf-8") delimiters(",") bindquote(strict) stringcols(${positions((t) => t !== 'integer')}) numericcols(${positions((t) => t === 'integer')})`,
    );
  });

  it('defines and attaches a value label with every code of every coded variable', () => {
    for (const v of codebook.variables.filter((v) => v.values.length > 0)) {
      const numbered = v.values.map((value, i) => `${typeof value.code === 'number' ? value.code : i + 1} ${stataString(value.label.nn)}`);
      expect(nn).toContain(`label define ${v.name} ${numbered.join(' ')}, replace\nlabel values ${v.name} ${v.name}`);
    }
  });

  it('turns a text code into a labelled number in the same place', () => {
    expect(nn).toContain('replace __mode = 2 if mode == `"assisted"\'');
    expect(nn).toContain('order __mode, after(mode)\ndrop mode\nrename __mode mode');
    expect(nn).toContain('label define mode 1 `"Svarte sjølv på nett"\' 2 `"Fekk hjelp av ein tilsett"\'');
  });

  it('turns the date into a Stata date', () => {
    expect(nn).toContain('generate __submitted_date = date(submitted_date, "YMD")');
  });

  it('labels every variable, cut at Stata’s 80 characters', () => {
    for (const v of codebook.variables) expect(nn).toMatch(new RegExp(`^label variable ${v.name} \`"`, 'm'));
    const long = /^label variable q_routed `"(.*)"'$/m.exec(nn)![1]!;
    expect([...long]).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('escapes $ and backquotes, and keeps a "\' inside the quotes', () => {
    expect(nn).toContain('label variable q_single `"Kostar det \\$5 eller \\`x\' i "data"?"\'');
    expect(stataString('a "\'b')).toBe('`"a " \'b"\'');
  });

  it('says how to make 8 and 9 missing, the same way in every variable', () => {
    expect(nn).toContain('//   mvdecode q_single, mv(8=.a \\ 9=.b)');
    expect(nn).toContain('//   mvdecode q_routed, mv(8=.a)');
  });

  it('has a value label for every code of every question of the real questionnaire', () => {
    const real = stataDo(buildCodebook(instrument), 'en');
    for (const q of instrument.questions.filter((q) => q.type === 'single')) {
      expect(real).toContain(`label define ${q.id} ${q.options.map((o) => `${o.code} ${stataString(o.label.en)}`).join(' ')}, replace`);
    }
  });
});
