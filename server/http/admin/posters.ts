// Posters for the library and the town hall (issue 13, point 2): per round, a
// printable A4 page with the short link, its QR code and the kiosk link for
// library PCs, plus the QR code alone as SVG and PNG for other print.
import { Router, type Response } from 'express';
import type { Round } from '../../../db/rounds.ts';
import type { Config } from '../../config.ts';
import { translator } from '../../i18n/messages.ts';
import { makeQr, qrPng, qrSvg, type QrCode } from '../../posters/qr.ts';
import { publicUrl } from '../public-url.ts';
import { freshStart, roundPaths } from '../citizen/round-pages.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { adminPaths } from './paths.ts';

/** The code's width on the printed poster (public/app.css), given to the SVG file so it opens at that size. */
const QR_PRINT_SIZE = '75mm';

export const posterPaths = {
  page: (round: Pick<Round, 'slug'>) => `/admin/rounds/${round.slug}/poster`,
  svg: (round: Pick<Round, 'slug'>) => `/admin/rounds/${round.slug}/qr.svg`,
  png: (round: Pick<Round, 'slug'>) => `/admin/rounds/${round.slug}/qr.png`,
};

export interface Poster {
  /** The round's start page: what the poster prints and the QR code says. */
  readonly shortUrl: string;
  /** The start page marked as a shared device (`?kiosk=1`), for the library's own PCs. */
  readonly kioskUrl: string;
  /** The origin the addresses use. */
  readonly origin: string;
  /** PUBLIC_URL is not set: the origin is the server's own HOST and PORT, likely unreachable from a phone. */
  readonly local: boolean;
  readonly qr: QrCode;
}

/** The server's own address from its settings: never the Host header, which the client writes (issue 12, point 6). */
function localOrigin(config: Pick<Config, 'host' | 'port'>): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

/**
 * The one place a round's poster addresses and its QR code are made: the page,
 * qr.svg and qr.png all draw this, so they cannot point to different places.
 */
export function roundPoster(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, round: Pick<Round, 'slug'>): Poster {
  const origin = config.publicUrl ?? localOrigin(config);
  const at = (path: string): string => publicUrl({ publicUrl: origin }, path);
  const shortUrl = at(roundPaths.start(round));
  return { shortUrl, kioskUrl: at(freshStart(round, true)), origin, local: config.publicUrl === undefined, qr: makeQr(shortUrl) };
}

/** A download, named after the round so several rounds' files can sit side by side. */
function sendFile(res: Response, round: Round, extension: 'svg' | 'png', body: string | Buffer): void {
  // Slugs are [a-z0-9-]: nothing in the name needs escaping. Quoted as the data exports' names are.
  res
    .type(extension === 'svg' ? 'image/svg+xml' : 'image/png')
    .set('Content-Disposition', `attachment; filename="${round.slug}-qr.${extension}"`)
    .send(body);
}

export function posterRouter(services: Services, render: RenderPage): Router {
  const { stores, config } = services;
  const router = Router();

  router.get('/admin/rounds/:slug/poster', async (req, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    const { t } = res.locals;
    const poster = roundPoster(config, round);
    // The poster speaks to citizens in the round's main language; the notice and links around it are the admin's.
    const say = translator(round.mainLanguage);
    await render(req, res, {
      view: 'admin/poster',
      title: t('poster.title', { round: round.title }),
      page: 'admin-poster',
      back: adminPaths.round(round),
      locals: {
        round,
        poster,
        say,
        posterLang: round.mainLanguage,
        qrSvg: qrSvg(poster.qr, { role: 'img', 'aria-label': say('poster.qrLabel', { url: poster.shortUrl }), class: 'poster__qr' }),
        svgHref: posterPaths.svg(round),
        pngHref: posterPaths.png(round),
      },
    });
  });

  router.get('/admin/rounds/:slug/qr.svg', (req, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    sendFile(res, round, 'svg', qrSvg(roundPoster(config, round).qr, { width: QR_PRINT_SIZE, height: QR_PRINT_SIZE }));
  });

  router.get('/admin/rounds/:slug/qr.png', (req, res, next) => {
    const round = stores.rounds.bySlug(req.params.slug);
    if (!round) return next();
    sendFile(res, round, 'png', qrPng(roundPoster(config, round).qr));
  });

  return router;
}
