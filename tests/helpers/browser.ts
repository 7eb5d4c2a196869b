// A citizen's (or admin's) browser over supertest: keeps cookies, reads the CSRF
// token of the last page, and posts forms as a browser would (repeated names
// for ticked boxes).
import { parse, type HTMLElement } from 'node-html-parser';
import request from 'supertest';
import type { TestApp } from './app.ts';

export type Fields = Readonly<Record<string, string | readonly string[]>>;

export interface Page {
  readonly status: number;
  readonly html: HTMLElement;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  /** <main data-page>, the contract's page marker. */
  readonly pageId: string | undefined;
  readonly location: string | undefined;
}

export function encodeForm(fields: Fields): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of typeof value === 'string' ? [value] : value) form.append(name, v);
  }
  return form.toString();
}

function toPage(res: request.Response): Page {
  const html = parse(res.text ?? '');
  return {
    status: res.status,
    html,
    text: res.text ?? '',
    headers: res.headers as Record<string, string>,
    pageId: html.querySelector('main')?.getAttribute('data-page'),
    location: res.headers['location'] as string | undefined,
  };
}

export class Browser {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';

  /** On a test app in this process, or on a server at a base address (a child process). */
  constructor(target: TestApp | string) {
    this.agent = request.agent(typeof target === 'string' ? target : target.app);
  }

  /** GET without following redirects. */
  async get(path: string): Promise<Page> {
    const page = toPage(await this.agent.get(path));
    this.remember(page);
    return page;
  }

  /** GET, following redirects as a browser does. */
  async visit(path: string): Promise<Page> {
    let page = await this.get(path);
    for (let hops = 0; page.location && hops < 10; hops++) page = await this.get(page.location);
    return page;
  }

  /** POST a form with the last page's CSRF token, without following the redirect. */
  async post(path: string, fields: Fields = {}, options: { csrf?: string | null } = {}): Promise<Page> {
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    const body = encodeForm(token === null ? fields : { _csrf: token, ...fields });
    const page = toPage(await this.agent.post(path).type('form').send(body));
    this.remember(page);
    return page;
  }

  /** POST, then follow the redirect. */
  async submit(path: string, fields: Fields = {}): Promise<Page> {
    const page = await this.post(path, fields);
    return page.location ? this.visit(page.location) : page;
  }

  private remember(page: Page): void {
    const token = page.html.querySelector('input[name="_csrf"]')?.getAttribute('value');
    if (token) this.csrf = token;
  }
}
