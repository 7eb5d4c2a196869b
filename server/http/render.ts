// Renders a page: its view inside the layout, in the request's language, with
// the title pattern «page – service – organisation» and «Feil: » on errors.
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { preferredEncoding, type Encoding } from './assets.ts';
import { templates } from './templates.ts';
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
  const path = ownPath(mark === -1 ? raw : raw.slice(0, mark));
  const params = query ?? new URLSearchParams(mark === -1 ? '' : raw.slice(mark + 1));
  return params.size > 0 ? `${path}?${params}` : path;
}

/** The path part of ownUrl; a page asks for it once per language link and form. */
const ownPath = (() => {
  let last = { raw: '', path: '/' };
  return (raw: string): string => {
    if (raw !== last.raw) last = { raw, path: new URL(raw.replace(/[\\/]+/g, '/'), 'http://self.invalid').pathname };
    return last.path;
  };
})();

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
 * String()): a page without a form draws no token and sets no cookie.
 */
const printedCsrfToken = (req: Request): { toString(): string } => ({ toString: () => req.session.csrfToken });

export function pageRenderer(options: {
  viewsDir: string;
  cache: boolean;
  /** Every page's stylesheet, and the one staff and admin pages add (middleware/require-role.ts). */
  stylesheets: { readonly all: string; readonly staff: string };
  favicon: string;
  timeoutScript: string;
}): RenderPage {
  const template = templates({ viewsDir: options.viewsDir, cache: options.cache });

  return async (req, res, page) => {
    const { lang, t } = res.locals;
    const errors = page.errors ?? [];
    // Forms post to this page's own address, spelled out: an empty action would carry a
    // fragment (#main, after the skip link) through the redirect, and the next page would
    // open scrolled past its header with Tab starting inside the form.
    const formAction = ownUrl(req);
    // Without a prototype, as EJS would copy them: a name a template does not define is not found on Object.prototype.
    const shared = Object.assign(Object.create(null) as object, { t, lang, errors, formAction, csrfToken: printedCsrfToken(req), ...page.locals });
    const body = template(page.view)(shared);
    const parts = [page.title, t('service.name'), page.organisation].filter(
      (part, i, all): part is string => part !== undefined && all.indexOf(part) === i,
    );
    const documentTitle = (errors.length > 0 ? `${t('common.errorPrefix')}: ` : '') + parts.join(' – ');
    const html = template('layout')(Object.assign(Object.create(null) as object, shared, {
      body,
      documentTitle,
      page: page.page,
      back: page.back ?? null,
      languageLinks: languageLinks(req, lang, res.locals.languages ?? LANGUAGES),
      // A 500 page gets none: the handler did not finish, and the store may be what failed.
      controls: ((page.status ?? 200) < 500 && res.locals.sessionControls?.()) || null,
      timeoutScript: options.timeoutScript,
      stylesheets: res.locals.staffArea ? [options.stylesheets.all, options.stylesheets.staff] : [options.stylesheets.all],
      favicon: options.favicon,
    }));
    sendHtml(req, res, page.status ?? 200, html);
  };
}

/** Below this a page fits in the first packets anyway, and compressing it would only cost time. */
const COMPRESS_FROM_BYTES = 1400;

/**
 * A page is compressed on every request, unlike the files (assets.ts), so at
 * fast settings with a window the size of a page: gzip at level 4 takes a
 * question page from 5.2 KB to 1.6 KB in about 60 µs here; brotli at a setting
 * that saves another 0.1 KB takes more than twice that, so it is offered
 * second, at its fastest, for a browser that takes brotli and not gzip.
 */
const PAGE_ENCODINGS: readonly Encoding[] = ['gzip', 'br'];
const COMPRESS: Readonly<Record<Encoding, (html: string) => Buffer>> = {
  gzip: (html) => zlib.gzipSync(html, { level: 4, windowBits: 13, memLevel: 6 }),
  br: (html) =>
    zlib.brotliCompressSync(html, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 16, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: html.length },
    }),
};

/**
 * Whether a page may be compressed for this request. A page holds secrets (the
 * CSRF value, a resume code, answers) beside text the address can put in it
 * (the query, in the language links and form actions): compressed, the size of
 * a response to a request another site started would tell an onlooker on the
 * same network something about the secret (BREACH). So only a request from
 * our own pages or from the person (a typed address, a bookmark, a scanned
 * code) is compressed, which browsers say in Sec-Fetch-Site; one that does not
 * say gets the page as it is.
 */
function mayCompress(req: Request): boolean {
  const site = req.get('Sec-Fetch-Site');
  return site === 'same-origin' || site === 'none';
}

/**
 * Sends a page, compressed for a browser that takes brotli or gzip when that is
 * safe: a question page shrinks to about a quarter, which counts on an old
 * phone with poor coverage.
 */
function sendHtml(req: Request, res: Response, status: number, html: string): void {
  res.status(status).type('html').vary('Accept-Encoding').vary('Sec-Fetch-Site');
  // Characters, not bytes: never more than the bytes, so a page just under the line is sent as it is.
  const encoding = html.length >= COMPRESS_FROM_BYTES && mayCompress(req) ? preferredEncoding(req, PAGE_ENCODINGS) : undefined;
  if (!encoding) return void res.send(html);
  res.set('Content-Encoding', encoding).send(COMPRESS[encoding](html));
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
