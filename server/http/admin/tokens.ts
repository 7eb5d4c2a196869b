// API tokens for admins (shared/contract.md; issue 13, point 4): the list, a new
// token shown once, and revoking one. Creating and revoking go to the audit log.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { hashApiToken, newApiToken, TOKEN_NAME_MAX } from '../../auth/api-token.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { adminPaths } from './paths.ts';

export const tokenName = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : ''),
  z.string().min(1, 'tokens.nameMissing').max(TOKEN_NAME_MAX, 'tokens.nameLong').regex(/^[^\p{C}]+$/u, 'tokens.nameCharacters'),
);

export function tokensRouter(services: Services, render: RenderPage): Router {
  const { stores, clock, db } = services;
  const router = Router();

  const renderTokens = async (req: Request, res: Response, status: number, extra: { name?: string; error?: string; created?: { name: string; token: string } } = {}) => {
    const { t } = res.locals;
    await render(req, res, {
      view: 'admin/tokens',
      status,
      title: t('tokens.title'),
      page: 'admin-tokens',
      back: adminPaths.home,
      errors: extra.error ? [{ target: 'name', message: extra.error }] : [],
      locals: {
        tokens: stores.apiTokens.all().map((token) => ({ ...token, revokeAction: `${adminPaths.tokens}/${token.id}/revoke` })),
        name: extra.name ?? '',
        error: extra.error,
        created: extra.created ?? null,
        revoked: req.query['done'] === 'revoked',
      },
    });
  };

  router.get(adminPaths.tokens, async (req, res) => {
    await renderTokens(req, res, 200);
  });

  router.post(adminPaths.tokens, async (req, res) => {
    const { t, user } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof body['name'] === 'string' ? body['name'].slice(0, 200) : '';
    const name = tokenName.safeParse(body['name']);
    if (!name.success) return renderTokens(req, res, 400, { name: typed, error: t(name.error.issues[0]!.message as 'tokens.nameMissing') });
    const token = newApiToken();
    const created = db.conn.transaction(() => {
      const id = stores.apiTokens.create({ name: name.data, hash: hashApiToken(token), createdDate: osloDate(clock()), createdBy: user.id });
      if (id !== undefined) stores.auditLog.record({ at: clock(), event: 'token_created', actorId: user.id, tokenId: id, via: 'web' });
      return id !== undefined;
    })();
    if (!created) return renderTokens(req, res, 400, { name: typed, error: t('tokens.nameTaken') });
    // Shown once, on this response only (never cached, never redirected to): it is not stored anywhere readable.
    await renderTokens(req, res, 201, { created: { name: name.data, token } });
  });

  router.post(`${adminPaths.tokens}/:id/revoke`, async (req, res, next) => {
    const { user } = res.locals;
    const id = Number(req.params['id']);
    if (!Number.isSafeInteger(id)) return next();
    db.conn.transaction(() => {
      if (stores.apiTokens.revoke(id, osloDate(clock()))) {
        stores.auditLog.record({ at: clock(), event: 'token_revoked', actorId: user.id, tokenId: id, via: 'web' });
      }
    })();
    res.redirect(303, `${adminPaths.tokens}?done=revoked`);
  });

  return router;
}
