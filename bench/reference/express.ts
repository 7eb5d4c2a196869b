// The idiomatic reference: the smallest express 5 app a team would write for
// the same page shapes as bare.ts, with the user's stack as documented (helmet
// defaults, ejs views with the template cache on, express.urlencoded, zod).
// The real app is held to at least this app's speed (issue 15).
import { join } from 'node:path';
import ejs from 'ejs';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { cookieToken, LANGUAGES, openStore, QUESTION, SESSION_COOKIE } from './store.ts';

const store = openStore(process.env['DATA_DIR'] ?? '.');
const VIEWS = join(import.meta.dirname, 'views');
const startForm = z.object({ _csrf: z.string() });
const answerForm = z.object({ _csrf: z.string(), [QUESTION.id]: z.coerce.number().refine((code) => QUESTION.options.some((o) => o.code === code)) });

async function page(res: Response, status: number, title: string, view: string, locals: Record<string, unknown>): Promise<void> {
  const options = { cache: true };
  const body = await ejs.renderFile(join(VIEWS, `${view}.ejs`), locals, options);
  const languages = LANGUAGES.map((l) => ({ ...l, current: l.code === 'nb' }));
  const html = await ejs.renderFile(join(VIEWS, 'layout.ejs'), { title, body, languages, path: res.req.path }, options);
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

const app = express();
app.disable('x-powered-by');
app.use(helmet());
app.use(express.urlencoded({ extended: false, limit: '32kb' }));

app.get('/start', async (req: Request, res: Response) => {
  let token = cookieToken(req.headers.cookie);
  if (!token) {
    token = store.newToken();
    res.set('Set-Cookie', SESSION_COOKIE(token));
  }
  await page(res, 200, 'Start', 'start', { csrf: store.csrfOf(token) });
});

app.post('/start', (req: Request, res: Response) => {
  const token = cookieToken(req.headers.cookie);
  const parsed = startForm.safeParse(req.body);
  if (!token || !parsed.success || !store.checkCsrf(token, parsed.data._csrf)) return void res.status(403).send('Siden er utløpt');
  const fresh = store.newToken();
  store.begin(fresh);
  res.set('Set-Cookie', SESSION_COOKIE(fresh)).redirect(303, `/q/${QUESTION.id}`);
});

app.get(`/q/${QUESTION.id}`, async (req: Request, res: Response) => {
  const token = cookieToken(req.headers.cookie);
  const answers = token ? store.answers(token) : undefined;
  if (!token || !answers) return res.redirect(303, '/start');
  await page(res, 200, QUESTION.text, 'question', { question: QUESTION, csrf: store.csrfOf(token), selected: answers[QUESTION.id] });
});

app.post(`/q/${QUESTION.id}`, async (req: Request, res: Response) => {
  const token = cookieToken(req.headers.cookie);
  const answers = token ? store.answers(token) : undefined;
  if (!token || !answers) return res.redirect(303, '/start');
  const parsed = answerForm.safeParse(req.body);
  if (!parsed.success || !store.checkCsrf(token, parsed.data._csrf)) {
    return page(res, 400, QUESTION.text, 'question', { question: QUESTION, csrf: store.csrfOf(token), selected: undefined });
  }
  store.save(token, { ...answers, [QUESTION.id]: parsed.data[QUESTION.id] });
  res.redirect(303, `/q/${QUESTION.id}`);
});

app.listen(Number(process.env['PORT']), '127.0.0.1');
