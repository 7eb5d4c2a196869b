// The data exports of a round (shared/contract.md, "Exports"), one route per
// format of the registry (server/export/formats.ts), for an admin session or
// an API token; and the codebook page, for people signed in.
import type { Request, Response } from 'express';
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { iterateResponses } from '../../../db/responses.ts';
import type { Round } from '../../../db/rounds.ts';
import { CODEBOOK_CSV, EXPORT_FORMATS } from '../../export/formats.ts';
import type { ExportFormat } from '../../export/format.ts';
import { REPORT_CSV_FILE } from '../../export/report-csv.ts';
import { buildCodebook } from '../../survey/codebook.ts';
import type { ResponseRow } from '../../survey/response-row.ts';
import { isLanguage, LANGUAGES, type Language } from '../../survey/types.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { noteExport } from './access.ts';
import { codebookPage } from './codebook-page.ts';
import { adminPaths } from './paths.ts';
import { waitForWriteLock } from '../middleware/write-gate.ts';

/** The address of a round's file or page. */
export const exportPath = (round: Pick<Round, 'slug'>, file: string): string => `/admin/rounds/${round.slug}/${file}`;

/** The codebook page's last address part, beside the files. */
export const CODEBOOK_PAGE = 'codebook';

/** What an API token may fetch of a round (middleware/api-token.ts): the data files and the report's tables, not the pages. */
export const TOKEN_FILES: ReadonlySet<string> = new Set([...EXPORT_FORMATS.map((format) => format.file), REPORT_CSV_FILE]);

/** `?lang=` on a data file (the labels' language): absent, one of the questionnaire's languages, or wrong. */
export function askedLanguage(req: Request): Language | undefined | 'wrong' {
  const asked = req.query['lang'];
  if (asked === undefined) return undefined;
  return isLanguage(asked) ? asked : 'wrong';
}

/** The answer to a wrong `?lang=`: 400 in words, naming the languages there are. */
export function refuseLanguage(res: Response): void {
  res.status(400).type('text/plain').send(res.locals.t('exports.wrongLanguage', { languages: LANGUAGES.join(', ') }));
}

/** A download the client stopped is not a failure of ours. */
const stoppedByClient = (res: Response, err: unknown): boolean =>
  res.destroyed && (err as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';

export function exportRouter(services: Services): Router {
  const { stores, db, instrument, clock, rule } = services;
  const router = Router();

  /** One pass over a round's responses, on a read-only connection of its own, closed when the pass ends or is stopped. */
  function* responses(round: Round): Generator<ResponseRow> {
    const reader = db.openReader();
    try {
      yield* iterateResponses(reader, round, rule.version, instrument);
    } finally {
      reader.close();
    }
  }

  const serve = (format: ExportFormat) => async (req: Request<{ slug: string }>, res: Response, next: () => void) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    const asked = askedLanguage(req);
    if (asked === 'wrong') return refuseLanguage(res);
    // Labels only when asked for: the codes file is what scripts read.
    const labels = req.query['labels'] === '1' || asked !== undefined;
    // Who keyed or helped with each response is left out unless asked for (issue 5, point 2),
    // and only a signed-in admin may ask: a token's tool gets no staff member's id.
    const staffColumns = req.query['staff'] === '1';
    if (staffColumns && req.apiToken) {
      res.status(403).type('text/plain').send(`${res.locals.t('api.noStaffColumns')}\n`);
      return;
    }
    const codebook = buildCodebook(instrument, { staffColumns, rule });
    const now = clock();
    res.set({
      'Content-Type': format.contentType,
      'Content-Disposition': `attachment; filename="${round.slug}-${osloDate(now)}${format.suffix}"`,
    });
    // A HEAD asks whether the file is there, not for the data: nothing is read, nothing is counted.
    if (req.method === 'HEAD') return void res.end();
    // Counting the download is a write: it waits for the lock like a form post does.
    await waitForWriteLock(db.conn);
    noteExport(services, req, round, `${format.file}${staffColumns ? '+staff' : ''}`);
    const file = format.write({ codebook, rows: () => responses(round), language: asked ?? round.mainLanguage, labels, now });
    try {
      await pipeline(file, res);
    } catch (err) {
      if (!stoppedByClient(res, err)) throw err;
    }
  };

  for (const format of EXPORT_FORMATS) router.get(exportPath({ slug: ':slug' }, format.file), serve(format));
  return router;
}

/**
 * The codebook as a page: for people signed in, not for API tokens, so it is
 * mounted with the pages (server/http/admin/index.ts), not with the data.
 */
export function codebookPageRouter(services: Services, render: RenderPage): Router {
  const { stores, instrument, rule } = services;
  const router = Router();
  router.get(exportPath({ slug: ':slug' }, CODEBOOK_PAGE), async (req: Request<{ slug: string }>, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    const { t, lang } = res.locals;
    const codebook = buildCodebook(instrument, { staffColumns: true, rule });
    await render(req, res, {
      view: 'admin/codebook',
      title: t('codebook.title', { round: round.title }),
      page: 'admin-codebook',
      back: adminPaths.round(round),
      locals: {
        ...codebookPage(codebook, t, lang),
        roundTitle: round.title,
        codebookCsvHref: exportPath(round, CODEBOOK_CSV.file),
      },
    });
  });
  return router;
}
