import { en } from './translations/en.js';
import { esMX } from './translations/es-MX.js';
import type { Messages, Translation } from './translations/translation.js';

export type Locale = 'es-MX' | 'en';

/** The texts of one element, and the locale for its Intl formatting. */
export interface Localization {
  /** English for any `en*` tag, Spanish (Mexico) otherwise. */
  locale: Locale;
  t: Translation;
}

/** The language tag that applies to `element`: its own `lang`, then the closest ancestor's, across shadow roots. */
function langOf(element: Element): string {
  for (
    let node: Node | null = element;
    node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode
  ) {
    const lang = node instanceof Element && node.getAttribute('lang');
    if (lang) return lang;
  }
  return '';
}

function merge(base: Translation, overrides: Messages[Locale]): Translation {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const original = merged[key];
    merged[key] = typeof original === 'object' ? { ...(original as object), ...(value as object) } : value;
  }
  return merged as unknown as Translation;
}

/**
 * Resolves the language of an element from its `lang`, its ancestors' or the document's: any `en*` tag gets the
 * English texts; `es-MX`, any other Spanish tag, no tag or an unsupported language get Spanish (Mexico), the default.
 */
export function localize(element: Element, own: string, messages?: Messages): Localization {
  // The walk up the ancestors ends at <html>, so the document's lang only matters for an element outside the
  // document: Lit still renders a change made while it is detached (a `reset()`, say), and that render stays after
  // it is put back, until the next one.
  const tag = own || langOf(element) || document.documentElement.lang;
  const locale: Locale = /^en\b/i.test(tag) ? 'en' : 'es-MX';
  return { locale, t: merge(locale === 'en' ? en : esMX, messages?.[locale]) };
}
