// Reclassification from the admin pages (issue 13, point 7): how many responses
// each rule version has classified, and a button that classifies them under
// the current one. It runs in the server, a batch at a time, while citizens go
// on answering; the page shows how far it has come.
import { Router } from 'express';
import { reclassify } from '../../reclassify.ts';
import { waitForWriteLock } from '../middleware/write-gate.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { adminPaths } from './paths.ts';

/** How long a batch waits for another program's write lock before the job stops as failed. */
const LOCK_WAIT_MS = 30_000;

type Job = { readonly state: 'running'; done: number } | { readonly state: 'finished'; readonly done: number } | { readonly state: 'failed' };

export function reclassifyRouter(services: Services, render: RenderPage): Router {
  const { stores, instrument, rule, clock, log, db } = services;
  const router = Router();
  // One at a time: a second press while one runs only shows its progress.
  let job: Job | undefined;

  router.get(adminPaths.reclassify, async (req, res) => {
    const { t } = res.locals;
    const running = job?.state === 'running';
    await render(req, res, {
      view: 'admin/reclassify',
      title: t('reclassify.title'),
      page: 'admin-reclassify',
      back: adminPaths.home,
      locals: {
        ruleVersion: rule.version,
        versions: stores.classifications.versions(),
        missing: stores.classifications.missing(rule.version),
        job: job ?? null,
        // A page that refreshes itself would need a script or a meta refresh (WCAG 2.2.1): the admin reloads instead.
        running,
      },
    });
  });

  router.post(adminPaths.reclassify, (req, res) => {
    const { user } = res.locals;
    if (job?.state !== 'running') {
      const all = (req.body as Record<string, unknown> | undefined)?.['all'] === '1';
      const current: Job = { state: 'running', done: 0 };
      job = current;
      reclassify(stores.classifications, instrument, rule, {
        all,
        progress: (done) => (current.done = done),
        // A command-line tool holding the lock (a backup, another reclassification) is waited for, not failed on.
        beforeWrite: () => waitForWriteLock(db.conn, LOCK_WAIT_MS),
      }).then(
        (result) => {
          job = { state: 'finished', done: result.responses };
          stores.auditLog.record({ at: clock(), event: 'reclassified', actorId: user.id, detail: result.ruleVersion, via: 'web' });
        },
        (err: unknown) => {
          job = { state: 'failed' };
          log.error({ err }, 'reclassification failed');
        },
      );
    }
    res.redirect(303, adminPaths.reclassify);
  });

  return router;
}
