// The EJS views, compiled with their includes resolved once. An include is
// written into the including template's source before it is compiled, inside
// a block of its own (`with` the data it was given, as EJS would pass it), so
// rendering a page is one function call: no look-up of a partial on disk, no
// copy of the page's data per include. In development (`cache` off) every
// render reads the files again, so an edited view shows at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';

/** `<%- include('/partials/name') %>` or `<%- include('/partials/name', { data }) %>`, paths from the views folder. */
const INCLUDE = /<%-\s*include\('(\/[A-Za-z0-9/_-]+)'(?:,\s*([\s\S]*?))?\)\s*[-_]?%>/g;
/** Partials within partials: far more than any view needs, so a partial that includes itself is caught. */
const MAX_DEPTH = 8;

export type Template = (locals: Readonly<Record<string, unknown>>) => string;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/**
 * `<%= %>`'s escaping, as EJS's own (the same five characters, the same
 * entities), but a text without any of them, as most are, is returned as it is.
 */
function escapeXml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c]!) : text;
}

/** A view's source with every include written in, recursively. */
function sourceOf(viewsDir: string, view: string, depth = 0): string {
  if (depth > MAX_DEPTH) throw new Error(`views/${view}.ejs: includes nested more than ${MAX_DEPTH} deep`);
  return readFileSync(join(viewsDir, `${view}.ejs`), 'utf8').replace(INCLUDE, (_whole, path: string, data: string | undefined) => {
    const partial = sourceOf(viewsDir, path.slice(1), depth + 1).replace(/\n$/, '');
    // The block keeps the partial's own `const`s to itself; `with` puts the include's data in front of the page's.
    // The partial without its last line end: the include tag's own line end follows, as EJS would have left it.
    // A prototype-free copy of the data, as EJS passes an include's: names the data lacks are looked up in the page's.
    return data ? `<% { with (Object.assign(Object.create(null), ${data})) { %>${partial}<% } } %>` : `<% { %>${partial}<% } %>`;
  });
}

/** The whole source of a view; an include written in a way the inlining does not know is an error at once, not at render. */
function inlined(viewsDir: string, view: string): string {
  const source = sourceOf(viewsDir, view);
  if (/\binclude\(/.test(source)) throw new Error(`views/${view}.ejs: an include not written as <%- include('/partials/…'[, data]) %>`);
  return source;
}

export function templates(options: { readonly viewsDir: string; readonly cache: boolean }): (view: string) => Template {
  const compiled = new Map<string, Template>();
  const compile = (view: string): Template =>
    ejs.compile(inlined(options.viewsDir, view), {
      filename: join(options.viewsDir, `${view}.ejs`),
      // No lines left holding only the indentation of a template tag.
      rmWhitespace: true,
      // The data is the renderer's own object, made for this page; EJS need not copy it first.
      unsafePrototypeLocals: true,
      escape: escapeXml,
    });
  return (view) => {
    if (!options.cache) return compile(view);
    let template = compiled.get(view);
    if (!template) compiled.set(view, (template = compile(view)));
    return template;
  };
}
