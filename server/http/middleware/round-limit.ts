// Counting what one client (or one browser) does on a survey round's pages, in
// memory, with express-rate-limit: resume codes tried, help requests sent. Past
// the limit the visitor gets a 429 page in their language, saying what to do,
// with a way back to the round's start.
import type { Request, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { MessageKey } from '../../i18n/messages.ts';
import { freshStart } from '../citizen/round-pages.ts';
import { messagePage, type RenderPage } from '../render.ts';

/** Which requests count and how they are told apart: express-rate-limit's own options. */
type Counting = Pick<Options, 'windowMs' | 'limit'> &
  Partial<Pick<Options, 'keyGenerator' | 'skipSuccessfulRequests' | 'skipFailedRequests' | 'requestWasSuccessful'>>;

export function roundLimit(render: RenderPage, page: { readonly title: MessageKey; readonly body: MessageKey }, counting: Counting) {
  return rateLimit({
    ...counting,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: async (req: Request, res: Response) => {
      const { t, round } = res.locals;
      await render(req, res, messagePage(t, 'too-many', 429, page.title, page.body, { href: freshStart(round, req.session.data.kiosk), text: t('common.toStart') }));
    },
  });
}
