// The files in public/, served from memory. Each is read, hashed and
// compressed (brotli and gzip, at their best settings) once at start, so a
// request for one touches neither the disk nor a compressor. Their URLs carry
// the content hash (`/assets/app.css?v=…`), so browsers may keep them for a
// year: a deploy that changes a file changes its URL.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

export const ASSETS_PATH = '/assets';

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Compressions, in the order files are offered them (brotli is smaller, and made once); identity is always there. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

interface Asset {
  readonly type: string;
  readonly hash: string;
  readonly identity: Buffer;
  /** Only those that came out smaller than the file itself. */
  readonly encoded: Partial<Record<Encoding, Buffer>>;
}

export interface Assets {
  /** The versioned URL of a file in public/; throws for a file that is not there (a typo in code, found at start). */
  url(file: string): string;
  /** Its size in bytes as stored and as sent to a browser that accepts brotli. */
  sizes(file: string): { readonly bytes: number; readonly brotli: number };
  /** Serves `/assets/<file>`; anything else under /assets is left to the 404. */
  serve(req: Request, res: Response, next: NextFunction): void;
}

function compress(body: Buffer): Partial<Record<Encoding, Buffer>> {
  const encoded: Partial<Record<Encoding, Buffer>> = {
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
    gzip: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }),
  };
  for (const encoding of ENCODINGS) if (encoded[encoding]!.length >= body.length) delete encoded[encoding];
  return encoded;
}

/**
 * The first of `offered` (in our order: brotli is smaller) the browser takes.
 * Browsers list gzip first at the same weight, so their order is not a preference.
 */
export function preferredEncoding<E extends string>(req: Request, offered: readonly E[]): E | undefined {
  return offered.find((encoding) => req.acceptsEncodings(encoding) === encoding);
}

export function loadAssets(dir: string): Assets {
  const files = new Map<string, Asset>();
  for (const file of readdirSync(dir)) {
    const type = TYPES[extname(file)];
    // Found at start, not by a browser: a file nobody can fetch is a mistake.
    if (!type) throw new Error(`public/${file}: no content type for ${extname(file) || 'a file without an extension'} in server/http/assets.ts`);
    const identity = readFileSync(join(dir, file));
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
    files.set(file, { type, hash, identity, encoded: compress(identity) });
  }
  const asset = (file: string): Asset => {
    const found = files.get(file);
    if (!found) throw new Error(`public/${file} is not an asset`);
    return found;
  };

  return {
    url: (file) => `${ASSETS_PATH}/${file}?v=${asset(file).hash}`,
    sizes: (file) => ({ bytes: asset(file).identity.length, brotli: (asset(file).encoded.br ?? asset(file).identity).length }),
    serve(req, res, next) {
      const found = req.method === 'GET' || req.method === 'HEAD' ? files.get(req.path.slice(1)) : undefined;
      if (!found) return next();
      const encoding = preferredEncoding(req, ENCODINGS.filter((e) => found.encoded[e] !== undefined));
      const body = encoding ? found.encoded[encoding]! : found.identity;
      res.set({
        'Content-Type': found.type,
        'Content-Length': String(body.length),
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: `"${found.hash}${encoding ? `-${encoding}` : ''}"`,
        Vary: 'Accept-Encoding',
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      });
      if (req.fresh) return void res.status(304).end();
      res.status(200).end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
