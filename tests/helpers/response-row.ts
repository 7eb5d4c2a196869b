// A response as the exports read it, for unit tests of the codebook and the
// writers: a plain citizen response unless told otherwise.
import type { ResponseRow } from '../../server/survey/response-row.ts';

export function responseRow(overrides: Partial<ResponseRow> = {}): ResponseRow {
  return {
    responseId: 7,
    round: 'demo',
    language: 'nn',
    mode: 'self',
    sharedDevice: 0,
    submittedDate: '2026-11-23',
    instrumentVersion: '2026.1',
    segment: 'ukjent',
    segmentReasons: '',
    svartSarbar: 0,
    ruleVersion: 'utsatt-2022.1',
    staffUserId: null,
    paperFormNumber: null,
    answers: { age_group: 9, devices: [1, 3], income: 8 },
    ...overrides,
  };
}
