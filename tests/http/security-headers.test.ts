// The security headers over HTTP, on every kind of page (the browser tests turn
// the CSP off to inject their own checks, so it is proven here): a Content
// Security Policy that allows no inline script or style and nothing from
// another origin, and helmet's other headers; no X-Powered-By; pages that may
// hold answers or admin data are not cached.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';
import { start } from '../helpers/survey.ts';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

/** The policy as directive → sources. */
function policyOf(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const PAGES: ReadonlyArray<readonly [string, () => Promise<request.Response>]> = [
  ['a start page', () => request(target.app).get('/s/demo')],
  ['a question page', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    return citizen.agent.get('/s/demo/q/age_group');
  }],
  ['an admin page', async () => (await signedInAdmin(target)).agent.get('/admin')],
  ['a 404 page', () => request(target.app).get('/no/such/page')],
  ['a refused form', () => request(target.app).post('/s/demo').type('form').send('x=1')],
  ['/healthz', () => request(target.app).get('/healthz')],
  ['the stylesheet', () => request(target.app).get('/assets/app.css')],
];

describe.each(PAGES)('%s', (_, fetchPage) => {
  it('has a CSP that allows no inline script or style and no other origin', async () => {
    const res = await fetchPage();
    const csp = policyOf(res.headers['content-security-policy'] as string | undefined);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const directive of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'form-action']) {
      expect(csp.get(directive), directive).toEqual(["'self'"]);
    }
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    const everySource = [...csp.values()].flat().join(' ');
    expect(everySource).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|data:/);
  });

  it('has helmet’s other headers and does not say what it runs on', async () => {
    const res = await fetchPage();
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('caching', () => {
  it('keeps pages out of every cache, and lets the fingerprinted stylesheet be kept for good', async () => {
    for (const [name, fetchPage] of PAGES.filter(([name]) => name !== 'the stylesheet')) {
      expect((await fetchPage()).headers['cache-control'], name).toBe('no-store');
    }
    const css = await request(target.app).get('/assets/app.css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
