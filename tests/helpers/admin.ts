// The CSV export read back as records (and, for the many tests that import it
// from here, an admin's signed-in browser).
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { Browser } from './browser.ts';

export { signedInAdmin } from './sign-in.ts';

export interface CsvExport {
  readonly header: string[];
  readonly rows: Record<string, string>[];
  readonly raw: string;
}

export async function exportCsv(browser: Browser, slug = 'demo', query = ''): Promise<CsvExport> {
  const res = await browser.agent.get(`/admin/rounds/${slug}/export.csv${query}`).buffer(true).parse((r, done) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => (text += chunk));
    r.on('end', () => done(null, text));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  const raw = res.body as string;
  // `bom`: the labels file starts with one for Excel; it is not part of the first column's name.
  const records = parse(raw, { bom: true, relax_column_count: false }) as string[][];
  const [header = [], ...data] = records;
  return { header, rows: data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), raw };
}
