// The interface message catalogues: complete in every language, klarspråk
// (universal-design.md R27), no unused keys, and a translator that fills placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues, translator, type MessageKey } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES, type Text } from '../../server/survey/types.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const MESSAGES_FILE = join(ROOT, 'server', 'i18n', 'messages.ts');

const keysOf = (language: (typeof LANGUAGES)[number]): string[] => Object.keys(catalogues[language]).sort();
const nbKeys = keysOf('nb') as MessageKey[];

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** Every file below a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('catalogues', () => {
  it('nb has keys', () => {
    expect(nbKeys.length).toBeGreaterThan(0);
  });

  it.each(['nn', 'en'] as const)('%s has exactly the keys of nb', (language) => {
    expect(keysOf(language)).toEqual(nbKeys);
  });

  it('no value is empty in any language', () => {
    const empty: string[] = [];
    for (const language of LANGUAGES) {
      for (const [key, value] of Object.entries(catalogues[language])) {
        if (value.trim() === '') empty.push(`${language}:${key}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('every key has the same {placeholders} in nb, nn and en', () => {
    const differing: string[] = [];
    for (const key of nbKeys) {
      const nb = placeholders(catalogues.nb[key]);
      for (const language of ['nn', 'en'] as const) {
        const other = placeholders(catalogues[language][key]);
        if (JSON.stringify(other) !== JSON.stringify(nb)) differing.push(`${key}: nb ${nb.join(',')} vs ${language} ${other.join(',')}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('the placeholder helper finds placeholders (guards the test above)', () => {
    expect(placeholders(catalogues.nb['question.progress'])).toEqual(['number', 'total']);
    expect(placeholders(catalogues.en['start.questions'])).toEqual(['max', 'min', 'minutes']);
  });
});

describe('klarspråk lint (R27)', () => {
  const DENIED = /vennligst|ugyldig|påkrevd|obligatorisk|\bplease\b|\binvalid\b/i;

  it('the deny-list matches the words it should (guards the lint)', () => {
    for (const bad of ['Vennligst velg', 'Ugyldig verdi', 'Feltet er påkrevd', 'OBLIGATORISK', 'Please select', 'Invalid input']) {
      expect(DENIED.test(bad), bad).toBe(true);
    }
    expect(DENIED.test('Velg hvor gammel du er')).toBe(false);
  });

  it('no catalogue value contains a denied word', () => {
    const offending: string[] = [];
    for (const language of LANGUAGES) {
      for (const [key, value] of Object.entries(catalogues[language])) {
        if (DENIED.test(value)) offending.push(`${language}:${key}: ${value}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('no question text, required message or other definition text contains a denied word', () => {
    const texts: Array<[string, Text]> = instrument.sections.map((s) => [`section ${s.id}`, s.title]);
    for (const q of instrument.questions) {
      texts.push([`${q.id}.text`, q.text], [`${q.id}.required`, q.required], [`${q.id}.short`, q.short]);
      if (q.hint) texts.push([`${q.id}.hint`, q.hint]);
      if (q.interviewer) texts.push([`${q.id}.interviewer`, q.interviewer]);
      for (const o of q.options) texts.push([`${q.id}.option ${o.code}`, o.label]);
    }
    const offending: string[] = [];
    for (const [name, text] of texts) {
      for (const language of LANGUAGES) {
        if (DENIED.test(text[language])) offending.push(`${name}.${language}: ${text[language]}`);
      }
    }
    expect(texts.length).toBeGreaterThan(instrument.questions.length * 3);
    expect(offending).toEqual([]);
  });
});

describe('no unused keys', () => {
  const sources = [...filesUnder(join(ROOT, 'server')), ...filesUnder(join(ROOT, 'views'))]
    .filter((path) => resolve(path) !== MESSAGES_FILE)
    .map((path) => readFileSync(path, 'utf8'));

  const quoted = (key: string): boolean =>
    sources.some((source) => source.includes(`'${key}'`) || source.includes(`"${key}"`) || source.includes(`\`${key}\``));

  it('reads the server and view sources, but not messages.ts', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.some((source) => source.includes('const nb = {'))).toBe(false);
  });

  it('every catalogue key appears as a quoted string literal in server/ or views/', () => {
    expect(nbKeys.filter((key) => !quoted(key))).toEqual([]);
  });

  it('the search would notice a key nobody uses (guards the test above)', () => {
    expect(quoted('nobody.uses.this.key')).toBe(false);
  });
});

describe('translator', () => {
  it('returns the text in the chosen language', () => {
    expect(translator('nb')('common.continue')).toBe(catalogues.nb['common.continue']);
    expect(translator('nn')('common.continue')).toBe(catalogues.nn['common.continue']);
    expect(translator('en')('common.continue')).toBe('Continue');
  });

  it('fills placeholders, numbers included', () => {
    expect(translator('nb')('question.progress', { number: 3, total: 23 })).toBe('Spørsmål 3 av 23');
    expect(translator('en')('question.progress', { number: 3, total: 23 })).toBe('Question 3 of 23');
    expect(translator('en')('admin.signedInAs', { username: 'kari' })).toBe('You are signed in as kari.');
  });

  it('fills every occurrence and ignores params the text does not use', () => {
    expect(translator('en')('start.questions', { min: 23, max: 25, minutes: 10, extra: 'x' })).toBe(
      'There are 23 to 25 questions, one on each page. It takes about 10 minutes.',
    );
  });

  it('leaves placeholders it has no value for as they are', () => {
    expect(translator('en')('start.questions', { min: 23 })).toBe(
      'There are 23 to {max} questions, one on each page. It takes about {minutes} minutes.',
    );
    expect(translator('nb')('question.progress')).toBe('Spørsmål {number} av {total}');
  });

  it('does not interpret replacement patterns in a value', () => {
    expect(translator('en')('admin.signedInAs', { username: '$& {total}' })).toBe('You are signed in as $& {total}.');
  });
});
