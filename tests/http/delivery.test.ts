// How pages and files travel (issue 15): files from public/ come from memory,
// compressed once, under URLs with their content hash, cached for a year;
// pages are compressed for browsers that take it, and never cached.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';

const PUBLIC = join(import.meta.dirname, '..', '..', 'public');

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

let base = '';
let server: Server;
beforeAll(async () => {
  server = target.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

interface Raw {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A response's bytes as sent, not decoded: the test clients would unpack them on the way. */
function raw(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The stylesheet's versioned URL, as the pages link it. */
async function stylesheetUrl(): Promise<string> {
  const page = await request(target.app).get('/s/demo');
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)?.[1];
  expect(href).toMatch(/^\/assets\/app\.css\?v=[0-9a-f]{12}$/);
  return href!;
}

describe('files from public/', () => {
  it('are sent as brotli, gzip or as they are, whichever the browser takes, each the same file', async () => {
    const url = await stylesheetUrl();
    const file = readFileSync(join(PUBLIC, 'app.css'));
    const br = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true);
    expect(br.body.length).toBeLessThan(file.length / 3);
    const gzip = await raw(url, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(file)).toBe(true);
    const plain = await raw(url, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);
    for (const res of [br, gzip, plain]) {
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['vary']).toContain('Accept-Encoding');
    }
  });

  it('answer a browser that already has the file with 304 and no body', async () => {
    const url = await stylesheetUrl();
    const first = await request(target.app).get(url).set('Accept-Encoding', 'br');
    const again = await request(target.app).get(url).set('Accept-Encoding', 'br').set('If-None-Match', first.headers['etag']!);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });

  it('answer HEAD with the headers alone, and leave unknown names and other methods to the 404', async () => {
    const url = await stylesheetUrl();
    const head = await request(target.app).head(url).set('Accept-Encoding', 'identity');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(readFileSync(join(PUBLIC, 'app.css')).length);
    expect((await request(target.app).get('/assets/nothing.css')).status).toBe(404);
    expect((await request(target.app).get('/assets/../package.json')).status).toBe(404);
    const post = await request(target.app).post('/assets/app.css').type('form').send('a=1');
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
  });
});

describe('pages', () => {
  /** A browser following a link on our own pages. */
  const OWN = { 'Sec-Fetch-Site': 'same-origin' };

  it('are compressed for a browser on our own pages that takes it, and sent as they are otherwise', async () => {
    const plain = await raw('/s/demo', { ...OWN, 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.body.toString();
    expect(html).toContain('data-page="start"');
    const br = await raw('/s/demo', { ...OWN, 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toContain('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('no-store');
    // The page holds a fresh CSRF token and cookie each time: compare what does not change.
    const decoded = brotliDecompressSync(br.body).toString();
    expect(decoded.replace(/value="[^"]{43}"/g, '')).toBe(html.replace(/value="[^"]{43}"/g, ''));
    expect(br.body.length).toBeLessThan(html.length / 2);
    // A browser's usual offer: gzip, the cheaper to make for a page made on every request.
    const gzip = await raw('/s/demo', { ...OWN, 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(html.length / 2);
    expect(gunzipSync(gzip.body).toString()).toContain('data-page="start"');
    // Typed in, from a bookmark or a scanned code: the person's own request.
    const typed = await raw('/s/demo', { 'Sec-Fetch-Site': 'none', 'Accept-Encoding': 'br' });
    expect(typed.headers['content-encoding']).toBe('br');
  });

  it('are not compressed for a request another site started, or one that does not say (BREACH)', async () => {
    for (const site of ['cross-site', 'same-site', undefined]) {
      const res = await raw('/s/demo?x=guess', { ...(site ? { 'Sec-Fetch-Site': site } : {}), 'Accept-Encoding': 'gzip, deflate, br' });
      expect(res.status, String(site)).toBe(200);
      expect(res.headers['content-encoding'], String(site)).toBeUndefined();
      expect(res.headers['vary']).toContain('Sec-Fetch-Site');
      expect(res.body.toString()).toContain('data-page="start"');
    }
  });
});
