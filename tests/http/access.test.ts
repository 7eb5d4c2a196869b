// Who may reach what (issue 5, point 1): every admin route, found in the app's
// own router so a new one cannot be missed, refuses a visitor without a login
// (to /login) and a staff user (403), for every method it answers; and a
// signed-in session ends after its idle limit and, however active, after a workday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_IN_MAX_MS } from '../../server/http/middleware/session.ts';
import { addUser, ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';

const STAFF = { username: 'per.staff', password: 'staff password, long enough' } as const;
const MINUTE = 60_000;

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
  await addUser(target, STAFF);
});
afterAll(() => target.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every [method, path] the app routes, read from express's router. */
function routes(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push([method, layer.route.path]);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  // Express 5 exposes its root router as `app.router`; its layers are not typed publicly.
  walk((target.app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

const routesUnder = (prefix: string): Array<[string, string]> =>
  routes()
    .filter(([method, path]) => path.startsWith(prefix) && method !== '_all')
    .map(([method, path]) => [method, path.replace(':slug', 'demo').replace(':id', '1')]);
const adminRoutes = () => routesUnder('/admin');
const staffRoutes = () => routesUnder('/staff');

async function request(browser: Browser, method: string, path: string): Promise<Page> {
  if (method === 'get') return browser.get(path);
  return browser.post(path, {});
}

describe('admin routes', () => {
  it('are found in the router (guards the tests below)', () => {
    const paths = adminRoutes().map(([m, p]) => `${m} ${p}`);
    expect(paths).toContain('get /admin');
    expect(paths).toContain('get /admin/rounds/demo/export.csv');
    expect(paths).toContain('post /admin/help/1/delete');
  });

  it('send a visitor without a login to /login, for every method', async () => {
    const visitor = new Browser(target);
    await visitor.visit('/login');
    for (const [method, path] of adminRoutes()) {
      expect(await request(visitor, method, path), `${method} ${path}`).toMatchObject({ status: 303, location: '/login' });
    }
  });

  it('refuse a staff user with 403, for every method, and change nothing', async () => {
    target.stores.helpRequests.add({ name: 'Kari', phone: '91234567', email: null, receivedDate: '2026-11-23' });
    const before = target.stores.helpRequests.count();
    const staff = await signedIn(target, STAFF);
    await staff.visit('/login');
    for (const [method, path] of adminRoutes()) {
      // «No access», not a CSRF refusal: the form token is the staff session's own.
      expect(await request(staff, method, path), `${method} ${path}`).toMatchObject({ status: 403, pageId: 'forbidden' });
    }
    expect(target.stores.helpRequests.count()).toBe(before);
  });
});

describe('staff routes', () => {
  it('are found in the router (guards the tests below)', () => {
    const paths = staffRoutes().map(([m, p]) => `${m} ${p}`);
    expect(paths).toEqual(expect.arrayContaining(['get /staff', 'post /staff', 'get /staff/paper/demo', 'post /staff/paper/demo']));
  });

  it('send a visitor without a login to /login, for every method, and store nothing', async () => {
    const visitor = new Browser(target);
    await visitor.visit('/login');
    for (const [method, path] of staffRoutes()) {
      const fields = { round: 'demo', mode: 'paper', paper_form_number: '1', age_group: '6' };
      const page = method === 'get' ? await visitor.get(path) : await visitor.post(path, fields);
      expect(page, `${method} ${path}`).toMatchObject({ status: 303, location: '/login' });
    }
    expect(target.db.conn.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
  });

  it('are open to staff and to admins (who may do everything staff do)', async () => {
    for (const [user, home] of [[STAFF, '/staff'], [ADMIN, '/admin']] as const) {
      const browser = await signedIn(target, user, home);
      for (const [method, path] of staffRoutes().filter(([m]) => m === 'get')) {
        expect((await browser.get(path)).status, `${user.username}: ${method} ${path}`).toBe(200);
      }
    }
  });
});

describe('a signed-in session', () => {
  it('ends after the idle limit', async () => {
    const admin = await signedInAdmin(target);
    target.advance(target.config.sessionIdleMinutes * MINUTE + 1);
    expect((await admin.get('/admin')).location).toBe('/login');
  });

  it('ends a workday after sign-in however active it is, and asks for the password again', async () => {
    const admin = await signedInAdmin(target);
    for (let elapsed = 0; elapsed + 20 * MINUTE < SIGNED_IN_MAX_MS; elapsed += 20 * MINUTE) {
      target.advance(20 * MINUTE);
      expect((await admin.get('/admin')).status, `after ${elapsed + 20 * MINUTE} ms`).toBe(200);
    }
    target.advance(20 * MINUTE);
    expect((await admin.get('/admin')).location).toBe('/login');
    await admin.visit('/login');
    expect((await admin.post('/login', ADMIN)).location).toBe('/admin');
  });
});
