// Every GET route of the app, and how the browser suite reaches it. A route the
// app has but this list lacks fails tests/browser/routes.test.ts, so a new page
// cannot escape the accessibility checks.
import type { Express } from 'express';

/** Routes that are pages, each visited by the suite in every language, with JavaScript on and off. */
export const PAGE_ROUTES = [
  '/', // rounds list (several open rounds) — pages.test.ts "other pages"
  '/s/:slug', // start — the survey walk
  '/s/:slug/q/:questionId', // every question, plain and in error — the survey walk
  '/s/:slug/check', // check your answers — the survey walk
  '/s/:slug/receipt', // receipt — the survey walk
  '/login', // plain and in error — "other pages"
  '/admin', // "other pages"
  '/tilgjengelighet', // accessibility statement — "other pages"
] as const;

/** Routes that answer with data, not a page. */
export const DATA_ROUTES = ['/healthz', '/admin/rounds/:slug/export.csv'] as const;

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
