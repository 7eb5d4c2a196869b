// The floor: bare node:http and better-sqlite3 serving the page shapes the
// bench measures (start, question GET, answer POST), with no framework at all.
// Nothing a real service could drop (session read, CSRF check, validation,
// escaping) is left out; everything a framework adds is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { cookieToken, LANGUAGES, openStore, QUESTION, SESSION_COOKIE } from './store.ts';

const store = openStore(process.env['DATA_DIR'] ?? '.');

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The same markup as the express reference's views, and as the app's question page. */
function layout(title: string, body: string, path = '/start'): string {
  const languages = LANGUAGES.map(
    (l) =>
      `<li><a class="languages__link" href="${path}?lang=${l.code}" hreflang="${l.code}" lang="${l.code}"${l.code === 'nb' ? ' aria-current="true"' : ''}>${l.name}</a></li>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} – Digitale tjenester og deg – Demo kommune</title>
<link rel="icon" href="/assets/favicon.svg?v=1" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css?v=1">
<script src="/assets/timeout.js?v=1" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Hopp til innholdet</a>
<header class="header">
<div class="container header__inner">
<p class="header__service">Digitale tjenester og deg</p>
<nav class="languages" aria-label="Språk">
<ul class="languages__list">
${languages}
</ul>
</nav>
</div>
</header>
<div class="container">
<nav class="back" aria-label="Tilbake"><a class="back-link" href="/start">Tilbake</a></nav>
<main id="main" class="main" data-page="question" tabindex="-1">
${body}
</main>
</div>
<footer class="footer">
<div class="container">
<p>Du er anonym når du svarer. Vi lagrer ikke navn, IP-adresse eller klokkeslett.</p>
<p><a href="/personvern">Personvern</a></p>
<p><a href="/tilgjengelighet">Tilgjengelighetserklæring</a></p>
</div>
</footer>
</body>
</html>`;
}

function endControls(csrf: string): string {
  return `<form class="session-end" method="post" action="/end" novalidate aria-labelledby="session-end">
<input type="hidden" name="_csrf" value="${csrf}">
<button class="button button--warning" type="submit" id="session-end">Avslutt og slett svarene mine</button>
</form>
<dialog class="timeout" id="timeout-warning" aria-labelledby="timeout-title" aria-describedby="timeout-text" data-expires-in="1799" data-extend-action="/extend" data-expire-action="/expire">
<h2 id="timeout-title" class="timeout__title">Er du der fortsatt?</h2>
<p id="timeout-text" aria-live="polite" data-one="Om {minutes} minutt avslutter vi, i tilfelle du har gått fra maskinen. Da blir svar du ikke har sendt inn eller lagret med kode, slettet." data-many="Om {minutes} minutter avslutter vi, i tilfelle du har gått fra maskinen. Da blir svar du ikke har sendt inn eller lagret med kode, slettet.">Om 2 minutter avslutter vi, i tilfelle du har gått fra maskinen. Da blir svar du ikke har sendt inn eller lagret med kode, slettet.</p>
<div class="timeout__actions">
<button class="button" type="button" data-extend autofocus>Fortsett – jeg trenger mer tid</button>
<form method="post" action="/end" novalidate aria-labelledby="timeout-title timeout-end">
<input type="hidden" name="_csrf" value="${csrf}">
<button class="button button--warning" type="submit" id="timeout-end">Avslutt og slett svarene mine</button>
</form>
</div>
</dialog>`;
}

function questionPage(csrf: string, selected: number | undefined): string {
  const id = QUESTION.id;
  const choices = QUESTION.options
    .map(
      (o) => `<div class="choice">
<input class="choice__input" type="radio" id="${id}-${o.code}" name="${id}" value="${o.code}"${o.code === selected ? ' checked' : ''}>
<label class="choice__label" for="${id}-${o.code}">${escape(o.label)}</label>
</div>`,
    )
    .join('\n');
  return layout(
    QUESTION.text,
    `<p class="caption"><span class="caption__section">Om deg</span> <span class="caption__progress">Spørsmål 1 av 23</span></p>
<form method="post" action="/q/${id}" novalidate autocomplete="off" aria-labelledby="${id}-heading">
<input type="hidden" name="_csrf" value="${csrf}">
<div class="question">
<fieldset class="fieldset">
<legend class="fieldset__legend"><h1 class="fieldset__heading" id="${id}-heading">${escape(QUESTION.text)}</h1></legend>
<div class="choices choices--radio">
${choices}
</div>
</fieldset>
</div>
<div class="actions">
<button class="button" type="submit">Fortsett</button>
<button class="button button--secondary" type="submit" name="action" value="save">Lagre og fortsett senere</button>
</div>
</form>
${endControls(csrf)}`,
    `/q/${id}`,
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
