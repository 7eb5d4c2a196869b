// What the codebook page shows (views/admin/codebook.ejs), built from the
// codebook: every variable with its texts in every language, its codes and
// labels, its routing, and the segment rule. Pure: no request, no database.
import type { MessageKey, Translate } from '../../i18n/messages.ts';
import type { Codebook, VariableKind, VariableType } from '../../survey/codebook.ts';
import { LANGUAGES, type Language } from '../../survey/types.ts';
import { LANGUAGE_NAMES } from '../render.ts';

const TYPE_TEXT = {
  integer: 'codebook.typeInteger',
  string: 'codebook.typeString',
  date: 'codebook.typeDate',
} as const satisfies Record<VariableType, MessageKey>;

const KIND_TEXT = {
  response: 'codebook.kindResponse',
  question: 'codebook.kindQuestion',
  option: 'codebook.kindOption',
  classification: 'codebook.kindClassification',
  staff: 'codebook.kindStaff',
} as const satisfies Record<VariableKind, MessageKey>;

export interface CodebookPage {
  readonly languages: ReadonlyArray<{ lang: Language; name: string }>;
  readonly instrumentVersion: string;
  readonly rule: { version: string; description: string };
  readonly variables: ReadonlyArray<{
    name: string;
    kind: string;
    type: string;
    shownWhen: string | null;
    texts: ReadonlyArray<{ lang: Language; text: string }>;
  }>;
  readonly codes: ReadonlyArray<{
    name: string;
    values: ReadonlyArray<{ code: string; labels: ReadonlyArray<{ lang: Language; text: string }>; missing: string }>;
  }>;
}

export function codebookPage(codebook: Codebook, t: Translate, lang: Language): CodebookPage {
  const inEvery = (text: Readonly<Record<Language, string>>) => LANGUAGES.map((l) => ({ lang: l, text: text[l] }));
  return {
    languages: LANGUAGES.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l] })),
    instrumentVersion: codebook.instrumentVersion,
    rule: { version: codebook.segmentRule.version, description: codebook.segmentRule.description[lang] },
    variables: codebook.variables.map((v) => ({
      name: v.name,
      kind: t(KIND_TEXT[v.kind]),
      type: t(TYPE_TEXT[v.type]),
      shownWhen: v.shownWhen,
      texts: inEvery(v.label),
    })),
    codes: codebook.variables
      .filter((v) => v.values.length > 0)
      .map((v) => ({
        name: v.name,
        values: v.values.map((value) => ({
          code: String(value.code),
          labels: inEvery(value.label),
          missing: value.missing ? t('codebook.missingYes') : t('codebook.missingNo'),
        })),
      })),
  };
}
