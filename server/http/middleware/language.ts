// The language a page is shown in: the session's choice, switched by `?lang=`.
import type { Request, Response } from 'express';
import { translator } from '../../i18n/messages.ts';
import { isLanguage, type Language } from '../../survey/types.ts';

/**
 * Sets the request's language: `?lang=` switches it for the rest of the session,
 * except on requests for which `remember` says no (a file downloaded with its
 * labels in another language leaves the admin's pages in theirs).
 */
export function language(options: { remember?: (req: Request) => boolean } = {}) {
  return (req: Request, res: Response, next: () => void): void => {
    const asked = req.query['lang'];
    if (isLanguage(asked) && asked !== req.session.data.lang && (options.remember?.(req) ?? true)) {
      req.session.update({ lang: asked });
    }
    setLanguage(res, req.session.data.lang ?? 'nb');
    next();
  };
}

export function setLanguage(res: Response, lang: Language): void {
  res.locals.lang = lang;
  res.locals.t = translator(lang);
}
