// Small reflections (issue 12, point 6): a page's links and form actions are
// built from its route, never echoed from the raw request path, so a path like
// `/.//evil.com` cannot become the protocol-relative link `//evil.com`; and an
// absolute address is printed only from PUBLIC_URL, never from the Host header.
import { request as httpRequest, type Server } from 'node:http';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { start } from '../helpers/survey.ts';

let target: TestApp;
let server: Server;
let port: number;
beforeAll(async () => {
  target = await testApp();
  server = target.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  target.close();
});

/** A GET with the request line exactly as given: no client tidies the path first. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every address a page links to, posts to or loads, as a browser on survey.test would resolve it. */
function originsIn(html: string): string[] {
  const page = parse(html);
  const addresses = [
    ...page.querySelectorAll('[href]').map((e) => e.getAttribute('href')!),
    ...page.querySelectorAll('[action]').map((e) => e.getAttribute('action')!),
    ...page.querySelectorAll('[src]').map((e) => e.getAttribute('src')!),
  ];
  expect(addresses.length).toBeGreaterThan(3);
  return addresses.map((address) => new URL(address, 'https://survey.test/somewhere/page').origin);
}

describe('links built from the route', () => {
  it.each(['/.//evil.com', '//evil.com', '/\\evil.com', '/s/demo/..//evil.com', '/%2F%2Fevil.com', '/.//evil.com?lang=en&x=//evil.com'])(
    'keeps every link of the page for %s on the service itself',
    async (path) => {
      const res = await rawGet(path);
      expect(res.status).toBe(404);
      const origins = originsIn(res.body);
      expect(new Set(origins)).toEqual(new Set(['https://survey.test']));
      expect(res.body).not.toMatch(/(href|action|src)="\/\/|(href|action|src)="\/\\/);
    },
  );

  it('keeps the language links of a real page on its path, with its other parameters', async () => {
    const res = await rawGet('/s/demo?kiosk=1');
    const links = parse(res.body).querySelectorAll('.languages__link').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/s/demo?kiosk=1&lang=nb', '/s/demo?kiosk=1&lang=nn', '/s/demo?kiosk=1&lang=en']);
  });
});

describe('the address to resume from', () => {
  async function savedPage(app: TestApp, host?: string): Promise<string> {
    const citizen = new Browser(app);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '3' });
    await citizen.post('/s/demo/q/gender', { action: 'save' });
    const call = citizen.agent.get('/s/demo/saved');
    if (host) call.set('Host', host);
    const res = await call;
    expect(res.status).toBe(200);
    return parse(res.text).querySelector('main a[href="/s/demo/resume"]')!.textContent.trim();
  }

  it('is the path alone without PUBLIC_URL, whatever Host the request claims', async () => {
    expect(await savedPage(target, 'evil.example')).toBe('/s/demo/resume');
  });

  it('is absolute, from PUBLIC_URL, when it is set; the Host header changes nothing', async () => {
    const configured = await testApp({ env: { PUBLIC_URL: 'https://undersokelse.kommune.no/' } });
    try {
      expect(await savedPage(configured, 'evil.example')).toBe('https://undersokelse.kommune.no/s/demo/resume');
    } finally {
      configured.close();
    }
  });

  it('refuses a PUBLIC_URL with a path, query or another scheme at start', async () => {
    for (const bad of ['https://kommune.no/survey', 'ftp://kommune.no', 'https://kommune.no/?x=1', 'not a url']) {
      await expect(testApp({ env: { PUBLIC_URL: bad } }), bad).rejects.toThrow(/PUBLIC_URL/);
    }
  });
});
