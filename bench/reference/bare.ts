// The floor: bare node:http and better-sqlite3 serving the page shapes the
// bench measures (start, question GET, answer POST), with no framework at all.
// Nothing a real service could drop (session read, CSRF check, validation,
// escaping) is left out; everything a framework adds is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { cookieToken, openStore, QUESTION, SESSION_COOKIE } from './store.ts';

const store = openStore(process.env['DATA_DIR'] ?? '.');

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Digitale tjenester og deg</title>
<link rel="stylesheet" href="/assets/app.css?v=1">
</head>
<body>
<a class="skip-link" href="#main">Hopp til innholdet</a>
<header class="header"><p class="header__service">Digitale tjenester og deg</p>
<nav class="languages" aria-label="Språk"><ul>
<li><a href="?lang=nb" aria-current="true">Bokmål</a></li><li><a href="?lang=nn">Nynorsk</a></li><li><a href="?lang=en">English</a></li>
</ul></nav></header>
<main id="main" class="main">
${body}
</main>
<footer class="footer"><p>Du er anonym når du svarer.</p><p><a href="/personvern">Personvern</a></p></footer>
</body>
</html>`;
}

function questionPage(csrf: string, selected: number | undefined): string {
  const choices = QUESTION.options
    .map(
      (o) => `<div class="choice">
<input class="choice__input" type="radio" id="${QUESTION.id}-${o.code}" name="${QUESTION.id}" value="${o.code}"${o.code === selected ? ' checked' : ''}>
<label class="choice__label" for="${QUESTION.id}-${o.code}">${escape(o.label)}</label>
</div>`,
    )
    .join('\n');
  return layout(
    QUESTION.text,
    `<form method="post" action="/q/${QUESTION.id}" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
<fieldset class="fieldset"><legend><h1>${escape(QUESTION.text)}</h1></legend>
<div class="choices">
${choices}
</div></fieldset>
<button class="button" type="submit">Fortsett</button>
</form>`,
  );
}

function send(res: ServerResponse, status: number, html: string, cookie?: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...(cookie ? { 'set-cookie': cookie } : {}),
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, { location, ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 32_768) throw new Error('too large');
  }
  return new URLSearchParams(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const token = cookieToken(req.headers.cookie);
  if (path === '/start') {
    if (req.method === 'GET') {
      const pending = token ?? store.newToken();
      return send(
        res,
        200,
        layout('Start', `<form method="post" action="/start"><input type="hidden" name="_csrf" value="${store.csrfOf(pending)}"><button>Start</button></form>`),
        token ? undefined : SESSION_COOKIE(pending),
      );
    }
    const fields = await form(req);
    if (!token || !store.checkCsrf(token, fields.get('_csrf'))) return send(res, 403, layout('Utløpt', '<h1>Siden er utløpt</h1>'));
    const fresh = store.newToken();
    store.begin(fresh);
    return redirect(res, `/q/${QUESTION.id}`, SESSION_COOKIE(fresh));
  }
  if (path === `/q/${QUESTION.id}`) {
    const answers = token ? store.answers(token) : undefined;
    if (!token || !answers) return redirect(res, '/start');
    if (req.method === 'GET') return send(res, 200, questionPage(store.csrfOf(token), answers[QUESTION.id]));
    const fields = await form(req);
    if (!store.checkCsrf(token, fields.get('_csrf'))) return send(res, 403, layout('Utløpt', '<h1>Siden er utløpt</h1>'));
    const code = Number(fields.get(QUESTION.id));
    if (!QUESTION.options.some((o) => o.code === code)) return send(res, 400, questionPage(store.csrfOf(token), undefined));
    store.save(token, { ...answers, [QUESTION.id]: code });
    return redirect(res, `/q/${QUESTION.id}`);
  }
  send(res, 404, layout('Ikke funnet', '<h1>Ikke funnet</h1>'));
}

createServer((req, res) => {
  handle(req, res).catch(() => send(res, 400, layout('Feil', '<h1>Noe gikk galt</h1>')));
}).listen(Number(process.env['PORT']), '127.0.0.1');
