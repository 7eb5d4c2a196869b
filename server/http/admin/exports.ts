// The data exports of a round (shared/contract.md, "Exports"), for an admin
// session or an API token.
import { Router } from 'express';
import { iterateExportRows } from '../../../db/responses.ts';
import { csvRecords, writeCsv } from '../../export/csv.ts';
import { RULE_VERSION } from '../../survey/classify.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';

export function exportRouter(services: Services): Router {
  const { stores, db, instrument, clock } = services;
  const router = Router();
  router.get('/admin/rounds/:slug/export.csv', async (req, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    const labels = req.query['labels'] === '1' ? round.mainLanguage : undefined;
    // Who keyed or helped with each response is left out unless asked for (issue 5, point 2).
    const staffColumns = req.query['staff'] === '1';
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${round.slug}-${osloDate(clock())}.csv"`,
    });
    const reader = db.openReader();
    try {
      const rows = iterateExportRows(reader, round.id, RULE_VERSION);
      await writeCsv(csvRecords(instrument, rows, { ...(labels ? { labels } : {}), staffColumns }), res);
    } finally {
      reader.close();
    }
  });

  return router;
}
