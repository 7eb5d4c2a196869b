// Renders a page: its view inside the layout, in the request's language, with
// the title pattern «page – service – organisation» and «Feil: » on errors.
import { join } from 'node:path';
import ejs from 'ejs';
import type { Request, Response } from 'express';
import { translator, type MessageKey, type Translate } from '../i18n/messages.ts';
import { isLanguage, LANGUAGES, type Language } from '../survey/types.ts';

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

export interface ErrorItem {
  /** The id of the input the summary link moves focus to. */
  readonly target: string;
  readonly message: string;
}

export interface Page {
  readonly view: string;
  /** The page's h1, used in <title>. */
  readonly title: string;
  /** The value of <main data-page> (shared/contract.md). */
  readonly page: string;
  readonly status?: number;
  readonly back?: string;
  readonly organisation?: string;
  readonly errors?: readonly ErrorItem[];
  readonly locals?: Readonly<Record<string, unknown>>;
}

export type RenderPage = (req: Request, res: Response, page: Page) => Promise<void>;

/** What the layout adds to a survey round's page while the session holds answers (R41–R44). */
export interface SessionControls {
  /** POST target of the end control. */
  readonly endAction: string;
  readonly endLabel: string;
  /** For the timeout warning (public/timeout.js): absent when the idle limit deletes nothing. */
  readonly timer?: {
    readonly expiresInSeconds: number;
    readonly extendAction: string;
    /** POSTed when the time is up: ends the session and leads on (R41–R44). */
    readonly expireAction: string;
  };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      lang: Language;
      t: Translate;
      /** Set on survey round pages; asked when the page is rendered, after the handler has done its work. */
      sessionControls?: () => SessionControls | undefined;
    }
  }
}

/**
 * This request's own address, rebuilt from its parsed path and query rather than
 * echoed: a raw `/.//evil.com` would otherwise print as the protocol-relative
 * `//evil.com` in a link (issue 12, point 6). Runs of slashes (and backslashes,
 * which browsers read as slashes) become one, and dot segments are resolved.
 */
export function ownUrl(req: Request, query?: URLSearchParams): string {
  const raw = req.originalUrl;
  const mark = raw.indexOf('?');
  const path = new URL((mark === -1 ? raw : raw.slice(0, mark)).replace(/[\\/]+/g, '/'), 'http://self.invalid').pathname;
  const params = query ?? new URLSearchParams(mark === -1 ? '' : raw.slice(mark + 1));
  return params.size > 0 ? `${path}?${params}` : path;
}

/** Links to this same page in each language (keeps the path and other query parameters). */
function languageLinks(req: Request, current: Language, offered: readonly Language[]) {
  const mark = req.originalUrl.indexOf('?');
  return offered.map((lang) => {
    const query = new URLSearchParams(mark === -1 ? '' : req.originalUrl.slice(mark + 1));
    query.set('lang', lang);
    return { lang, name: LANGUAGE_NAMES[lang], href: ownUrl(req, query), current: lang === current };
  });
}

/**
 * The CSRF token, made when a template prints it (EJS turns it into text with
 * String()): a page without a form draws no token and sets no cookie. EJS
 * copies its locals, so a getter would be called on every page.
 */
const printedCsrfToken = (req: Request): { toString(): string } => ({ toString: () => req.session.csrfToken });

export function pageRenderer(options: {
  viewsDir: string;
  cache: boolean;
  stylesheet: string;
  favicon: string;
  timeoutScript: string;
}): RenderPage {
  const file = (view: string) => join(options.viewsDir, `${view}.ejs`);
  // rmWhitespace: no lines left holding only the indentation of a template tag.
  const renderOptions = { cache: options.cache, rmWhitespace: true } as const;

  return async (req, res, page) => {
    const { lang, t } = res.locals;
    const errors = page.errors ?? [];
    // Forms post to this page's own address, spelled out: an empty action would carry a
    // fragment (#main, after the skip link) through the redirect, and the next page would
    // open scrolled past its header with Tab starting inside the form.
    const formAction = ownUrl(req);
    const shared = { t, lang, errors, formAction, csrfToken: printedCsrfToken(req), ...page.locals };
    const body = await ejs.renderFile(file(page.view), shared, renderOptions);
    const parts = [page.title, t('service.name'), page.organisation].filter(
      (part, i, all): part is string => part !== undefined && all.indexOf(part) === i,
    );
    const documentTitle = (errors.length > 0 ? `${t('common.errorPrefix')}: ` : '') + parts.join(' – ');
    const html = await ejs.renderFile(
      file('layout'),
      {
        ...shared,
        body,
        documentTitle,
        page: page.page,
        back: page.back ?? null,
        languageLinks: languageLinks(req, lang, res.locals.languages ?? LANGUAGES),
        // A 500 page gets none: the handler did not finish, and the store may be what failed.
        controls: ((page.status ?? 200) < 500 && res.locals.sessionControls?.()) || null,
        timeoutScript: options.timeoutScript,
        stylesheet: options.stylesheet,
        favicon: options.favicon,
      },
      renderOptions,
    );
    res.status(page.status ?? 200).type('html').send(html);
  };
}

/** A page with a heading, one sentence and a link onwards: errors, closed rounds, expiry. */
export function messagePage(
  t: Translate,
  page: string,
  status: number,
  title: MessageKey,
  text: MessageKey,
  link: { href: string; text: string } = { href: '/', text: t('common.toStart') },
): Page {
  return { view: 'message', status, title: t(title), page, locals: { heading: t(title), text: t(text), link } };
}
