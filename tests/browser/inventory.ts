// Every GET route of the app, and how the browser suite reaches it. A route the
// app has but this list lacks fails tests/browser/routes.test.ts, so a new page
// cannot escape the accessibility checks.
import type { Express } from 'express';

/** Routes that are pages, each visited by the suite in every language, with JavaScript on and off. */
export const PAGE_ROUTES = [
  '/', // rounds list (several open rounds) — pages.test.ts
  '/s/:slug', // start, closed (410), expired form (403), server error (500) — survey-walk.ts, pages.test.ts
  '/s/:slug/q/:questionId', // every question, plain, in error and from the check page — survey-walk.ts
  '/s/:slug/check', // check your answers — survey-walk.ts
  '/s/:slug/receipt', // receipt — survey-walk.ts
  '/s/:slug/saved', // the resume code after «Lagre og fortsett senere» — library.test.ts
  '/s/:slug/resume', // enter the code, plain and in error — library.test.ts
  '/s/:slug/ended', // after «Avslutt og slett svarene mine» — library.test.ts
  '/s/:slug/timeout', // after the idle limit — library.test.ts
  '/s/:slug/help', // the help form after the receipt, in error, and sent — library.test.ts
  '/s/:slug/print', // the printable form, normal and large print — staff.test.ts
  '/staff', // the staff page, in error, after a response — staff.test.ts
  '/staff/paper/:slug', // keyed entry of a paper form, plain and in error — staff.test.ts
  '/login', // plain and in error — pages.test.ts
  '/admin', // as admin, and "no access" as staff — pages.test.ts
  '/admin/help', // help requests, and after deleting one — pages.test.ts
  '/admin/audit', // the log of sign-ins and user changes — pages.test.ts
  '/admin/users', // accounts, and the add form in error — pages.test.ts
  '/admin/rounds', // the rounds — admin-pages.test.ts
  '/admin/rounds/new', // a new round, plain and in error — admin-pages.test.ts
  '/admin/rounds/:slug', // one round with its links and actions — admin-pages.test.ts
  '/admin/rounds/:slug/edit', // editing a round — admin-pages.test.ts
  '/admin/tokens', // API tokens, and a new token shown once — admin-pages.test.ts
  '/admin/reclassify', // reclassification under the current rule — admin-pages.test.ts
  '/account/password', // the own password, plain and in error — admin-pages.test.ts
  '/admin/rounds/:slug/poster', // the printable poster of a round in another main language — pages.test.ts
  '/admin/rounds/:slug/codebook', // every variable, code and label of the data set — admin-pages.test.ts
  '/admin/rounds/:slug/report', // the analysis report with data, weighted, a filter in error (400) and too few responses — admin-pages.test.ts
  '/admin/rounds/:slug/weights', // population figures for weighting, plain, in error and saved — admin-pages.test.ts
  '/tilgjengelighet', // accessibility statement — pages.test.ts
  '/personvern', // privacy — pages.test.ts
] as const;

/** Routes that answer with data, not a page. */
export const DATA_ROUTES = [
  '/healthz',
  '/admin/rounds/:slug/export.csv',
  '/admin/rounds/:slug/export.xlsx',
  '/admin/rounds/:slug/codebook.csv',
  '/admin/rounds/:slug/export.sps',
  '/admin/rounds/:slug/export.R',
  '/admin/rounds/:slug/export.do',
  '/admin/rounds/:slug/export.zip',
  '/admin/rounds/:slug/qr.svg',
  '/admin/rounds/:slug/qr.png',
  '/admin/rounds/:slug/report.csv',
] as const;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The GET routes the app has, read from express's router. */
export function getRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods['get']) found.push(layer.route.path);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  // Express 5 exposes its root router as `app.router`; its layers are not typed publicly.
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...new Set(found)].sort();
}
