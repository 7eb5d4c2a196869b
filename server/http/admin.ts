// Admin pages: the rounds with their response counts, and the data exports.
import { Router } from 'express';
import { iterateExportRows } from '../../db/responses.ts';
import { csvRecords, writeCsv } from '../export/csv.ts';
import { RULE_VERSION } from '../survey/classify.ts';
import { osloDate } from '../time.ts';
import { requireRole } from './auth.ts';
import type { Services } from './services.ts';
import type { RenderPage } from './views.ts';

export function adminRouter(services: Services, render: RenderPage): Router {
  const { stores, db, instrument, clock } = services;
  const router = Router();
  router.use('/admin', requireRole(services, render, 'admin'));

  router.get('/admin', async (req, res) => {
    await render(req, res, {
      view: 'admin/index',
      title: res.locals.t('admin.title'),
      page: 'admin',
      locals: { rounds: stores.rounds.listWithCounts(), user: res.locals.user, helpRequestCount: stores.helpRequests.count() },
    });
  });

  router.get('/admin/rounds/:slug/export.csv', async (req, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    const labels = req.query['labels'] === '1' ? round.mainLanguage : undefined;
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${round.slug}-${osloDate(clock())}.csv"`,
    });
    const reader = db.openReader();
    try {
      const rows = iterateExportRows(reader, round.id, RULE_VERSION);
      await writeCsv(csvRecords(instrument, rows, labels ? { labels } : {}), res);
    } finally {
      reader.close();
    }
  });

  return router;
}
