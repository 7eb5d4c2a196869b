// Posters (issue 13, point 2): per round, a printable page with the short link,
// its QR code (inline SVG) and the kiosk link, and the QR code as SVG and PNG
// files. The codes are read back with a QR decoder, as a phone would; the
// addresses come from PUBLIC_URL or the server's own settings, never the Host header.
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';

const PUBLIC = 'https://survey.example.no';
const STAFF = { username: 'per.staff', password: 'staff password, long enough' } as const;
const PATHS = ['/admin/rounds/demo/poster', '/admin/rounds/demo/qr.svg', '/admin/rounds/demo/qr.png'] as const;
const nb = translator('nb');

/** Binary bodies (PNG) as a Buffer; supertest would otherwise leave them unparsed. */
const asBuffer = (res: request.Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// jsqr is CommonJS whose types say `export default`: from ESM, the default import
// is its module.exports, which carries the decoder as `default` as well.
const decodeQr = jsqr.default;

/** What a phone would read from an RGBA image, or null. */
function readCode(rgba: Uint8Array, width: number, height: number): string | null {
  return decodeQr(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height)?.data ?? null;
}

interface Modules {
  /** Modules per side, quiet zone included (the viewBox). */
  readonly side: number;
  readonly dark: ReadonlySet<string>;
}

/**
 * Reads the SVG's modules back from its markup: a viewBox of one unit per
 * module and dark runs drawn as `M x y h n v1 h -n z`. Fails on anything else
 * in the path, so a change of drawing cannot make this read less than is there.
 */
function svgModules(svg: string): Modules {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const paths = [...svg.matchAll(/<path fill="#000000" d="([^"]*)"\/>/g)];
  expect(paths).toHaveLength(1);
  const d = paths[0]![1]!;
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)];
  expect(runs.map((r) => r[0]).join('')).toBe(d);
  const dark = new Set<string>();
  for (const [, x, y, n] of runs) for (let i = 0; i < Number(n); i++) dark.add(`${Number(x) + i},${y}`);
  return { side, dark };
}

/** The modules drawn as an RGBA image, `scale` pixels each, black on white. */
function rasterise({ side, dark }: Modules, scale = 4): { rgba: Uint8Array; size: number } {
  const size = side * scale;
  const rgba = new Uint8Array(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`)) continue;
      rgba.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { rgba, size };
}

/**
 * The error correction level, from the format information beside the top-left
 * finder (ISO/IEC 18004 §7.9): its two top bits, at row 8, columns 0 and 1 of the
 * symbol, XOR the mask 101010000010010 → 00 M, 01 L, 10 H, 11 Q.
 */
function correctionLevel({ dark }: Modules, quietZone: number): 'L' | 'M' | 'Q' | 'H' {
  const bit = (column: number) => (dark.has(`${column + quietZone},${8 + quietZone}`) ? 1 : 0);
  return (['M', 'L', 'H', 'Q'] as const)[((bit(0) ^ 1) << 1) | bit(1)]!;
}

/** The width of white around the dark modules, in modules. */
function quietZone({ side, dark }: Modules): number {
  const coordinates = [...dark].flatMap((key) => key.split(',').map(Number));
  return Math.min(...coordinates, ...coordinates.map((c) => side - 1 - c));
}

/** The page's one <svg> as served (a parsed element would be serialised again, differently). */
function inlineSvg(html: string): string {
  const found = html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The <svg> element's content and viewBox, without its own attributes (role, name, size). */
const drawing = (svg: string): string => svg.replace(/^<svg\b[^>]*?(viewBox="[^"]*")[^>]*>/, '<svg $1>');

describe('with PUBLIC_URL set', () => {
  let target: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    target = await testApp({ env: { PUBLIC_URL: PUBLIC } });
    admin = await signedInAdmin(target);
  });
  afterAll(() => target.close());

  it('shows the round, an invitation, the short link and the kiosk link, and how to print', async () => {
    const page = await admin.visit('/admin/rounds/demo/poster');
    expect(page).toMatchObject({ status: 200, pageId: 'admin-poster' });
    const poster = page.html.querySelector('.poster')!;
    expect(poster.getAttribute('lang')).toBe('nb');
    expect(poster.querySelector('h1')!.textContent).toBe('Demo');
    expect(poster.textContent).toContain('Demo kommune');
    expect(poster.textContent).toContain(nb('poster.invite'));
    expect(poster.querySelector('.poster__address a')!.getAttribute('href')).toBe(`${PUBLIC}/s/demo`);
    expect(poster.querySelector('.poster__address')!.textContent.trim()).toBe(`${PUBLIC}/s/demo`);
    expect(poster.querySelectorAll('.poster__staff p').map((p) => p.textContent)).toEqual([nb('poster.kiosk'), `${PUBLIC}/s/demo?kiosk=1`]);
    expect(page.html.querySelector('title')!.textContent).toContain(nb('poster.title', { round: 'Demo' }));

    const screen = page.html.querySelector('.poster__screen-only')!;
    expect(screen.textContent).toContain(nb('poster.printHint'));
    expect(screen.textContent).not.toContain('PUBLIC_URL');
    expect(screen.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/admin/rounds/demo/qr.svg', '/admin/rounds/demo/qr.png']);
  });

  it('is safe under the CSP: no inline style and no script, the QR code included', async () => {
    const page = await admin.visit('/admin/rounds/demo/poster');
    expect(page.text).not.toMatch(/\sstyle\s*=/i);
    expect(page.text).not.toMatch(/<style/i);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.html.querySelectorAll('svg')).toHaveLength(1);
  });

  it('has a QR code in the page that a phone reads as the short link, named for screen readers', async () => {
    const page = await admin.visit('/admin/rounds/demo/poster');
    const svg = page.html.querySelector('.poster svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(nb('poster.qrLabel', { url: `${PUBLIC}/s/demo` }));
    const modules = svgModules(inlineSvg(page.text));
    const { rgba, size } = rasterise(modules);
    expect(readCode(rgba, size, size)).toBe(`${PUBLIC}/s/demo`);
    expect(quietZone(modules)).toBeGreaterThanOrEqual(4);
    expect(['M', 'Q', 'H']).toContain(correctionLevel(modules, 4));
  });

  it('offers the same code as an SVG file, named after the round', async () => {
    const res = await admin.agent.get('/admin/rounds/demo/qr.svg').buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="demo-qr.svg"');
    const file = (res.body as Buffer).toString('utf8');
    expect(file).not.toMatch(/\sstyle\s*=/i);
    const { rgba, size } = rasterise(svgModules(file));
    expect(readCode(rgba, size, size)).toBe(`${PUBLIC}/s/demo`);
    // One drawing: the file is the page's code with other attributes on <svg>.
    const page = await admin.visit('/admin/rounds/demo/poster');
    expect(drawing(file)).toBe(drawing(inlineSvg(page.text)));
  });

  it('offers the code as a PNG file that a phone reads as the short link, with its quiet zone', async () => {
    const res = await admin.agent.get('/admin/rounds/demo/qr.png').buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe('attachment; filename="demo-qr.png"');
    const png = PNG.sync.read(res.body as Buffer);
    expect(readCode(png.data, png.width, png.height)).toBe(`${PUBLIC}/s/demo`);

    // Same modules as the SVG, at a whole number of pixels each: the same code, drawn once more.
    const page = await admin.visit('/admin/rounds/demo/poster');
    const modules = svgModules(inlineSvg(page.text));
    const scale = png.width / modules.side;
    expect(Number.isInteger(scale) && png.height === png.width).toBe(true);
    const dark = new Set<string>();
    for (let y = 0; y < modules.side; y++) {
      for (let x = 0; x < modules.side; x++) {
        const half = Math.floor(scale / 2);
        const centre = ((y * scale + half) * png.width + (x * scale + half)) * 4;
        if (png.data[centre] === 0) dark.add(`${x},${y}`);
      }
    }
    expect([...dark].sort()).toEqual([...modules.dark].sort());
    // Big enough to print sharp at the poster's 7.5 cm, 300 dpi (886 px).
    expect(png.width).toBeGreaterThanOrEqual(886);
  });

  it('answers 404 for a round that does not exist', async () => {
    for (const path of ['/admin/rounds/finnes-ikke/poster', '/admin/rounds/finnes-ikke/qr.svg', '/admin/rounds/finnes-ikke/qr.png']) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
  });
});

describe('without PUBLIC_URL', () => {
  let target: TestApp;
  let admin: Browser;
  const local = 'http://127.0.0.1:3000';
  beforeAll(async () => {
    target = await testApp();
    admin = await signedInAdmin(target);
  });
  afterAll(() => target.close());

  it('uses the server’s own HOST and PORT, never the Host header, and tells the admin on screen', async () => {
    const res = await admin.agent
      .get('/admin/rounds/demo/poster')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'https');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('evil.example');
    expect(res.text).toContain(`${local}/s/demo`);
    expect(res.text).toContain(`${local}/s/demo?kiosk=1`);
    const notice = nb('poster.localNotice', { origin: local });
    expect(res.text).toContain(notice);
    // On screen only: in the part the print stylesheet hides.
    expect(res.text.slice(res.text.indexOf('class="poster__screen-only'), res.text.indexOf('class="poster"'))).toContain(notice);
  });

  it('puts the same address in the PNG, whatever the Host header says', async () => {
    const res = await admin.agent.get('/admin/rounds/demo/qr.png').set('Host', 'evil.example').buffer(true).parse(asBuffer);
    const png = PNG.sync.read(res.body as Buffer);
    expect(readCode(png.data, png.width, png.height)).toBe(`${local}/s/demo`);
  });

  it('speaks to citizens in the round’s main language and to the admin in the admin’s', async () => {
    target.db.conn
      .prepare('INSERT INTO rounds (slug, title, organisation, main_language, created_date) VALUES (?, ?, ?, ?, ?)')
      .run('var-2027', 'Innbyggjarundersøking våren 2027', 'Demo kommune', 'nn', '2026-11-01');
    const nn = translator('nn');
    const en = translator('en');
    // A browser of its own: `?lang=` stays with the session, and tests run in random order.
    const english = await signedInAdmin(target);
    const page = await english.visit('/admin/rounds/var-2027/poster?lang=en');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('html')!.getAttribute('lang')).toBe('en');
    const poster = page.html.querySelector('.poster')!;
    expect(poster.getAttribute('lang')).toBe('nn');
    expect(poster.textContent).toContain(nn('poster.invite'));
    expect(poster.textContent).toContain(nn('poster.scan'));
    expect(poster.querySelector('svg')!.getAttribute('aria-label')).toBe(nn('poster.qrLabel', { url: `${local}/s/var-2027` }));
    expect(page.html.querySelector('.poster__screen-only')!.textContent).toContain(en('poster.printHint'));
    const svg = await english.agent.get('/admin/rounds/var-2027/qr.svg').buffer(true).parse(asBuffer);
    expect(svg.headers['content-disposition']).toBe('attachment; filename="var-2027-qr.svg"');
  });
});

describe('who may see posters', () => {
  let target: TestApp;
  beforeAll(async () => {
    target = await testApp({ env: { PUBLIC_URL: PUBLIC } });
    await addUser(target, STAFF);
  });
  afterAll(() => target.close());

  it('sends a signed-out visitor to /login, with or without a made-up Bearer token', async () => {
    for (const path of PATHS) {
      const plain = await request(target.app).get(path);
      expect(plain.status, path).toBe(303);
      expect(plain.headers['location'], path).toBe('/login');
      // Tokens are for data exports; a made-up one opens nothing, and a poster is no export.
      const bearer = await request(target.app).get(path).set('Authorization', 'Bearer made-up-token-0123456789abcdef');
      expect(bearer.status, `${path} with a Bearer header`).not.toBe(200);
      expect(bearer.text ?? '', path).not.toContain(`${PUBLIC}/s/demo`);
    }
  });

  it('refuses staff with 403', async () => {
    const staff = await signedIn(target, STAFF);
    for (const path of PATHS) {
      expect(await staff.get(path), path).toMatchObject({ status: 403, pageId: 'forbidden' });
    }
  });
});
