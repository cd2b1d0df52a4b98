import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { esMX } from './translations/es-MX.js';
import type { Messages, Translation } from './translations/translation.js';

/** The texts of one element, and the language tag for its Intl formatting (a registered one). */
export interface Localization {
  locale: string;
  t: Translation;
}

/** The languages the elements of this page speak, by tag. Spanish (Mexico) is always there: the default. */
const translations = new Map<string, Translation>([['es-MX', esMX]]);

/** The connected elements, re-rendered when a language arrives or a `lang` of the page changes. */
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;
const updateAll = () => hosts.forEach((host) => host.requestUpdate());

/**
 * Adds (or replaces) the texts of a language for every `<imss-connect>` of the page; those on the page re-render.
 * `import { registerTranslation, en } from 'imss-connect'` is how English is added to a bundle that left it out; a
 * host adds its own language the same way, with a complete Translation.
 */
export function registerTranslation(tag: string, translation: Translation): void {
  translations.set(tag, translation);
  updateAll();
}

/**
 * The registered tag for a language tag: the same tag, else one of the same language (`en-US` → `en`, `es` →
 * `es-MX`), else the default `es-MX`. Case-insensitive, as language tags are.
 */
function registered(tag: string): string {
  const wanted = tag.toLowerCase();
  let sameLanguage: string | undefined;
  for (const key of translations.keys()) {
    const lower = key.toLowerCase();
    if (lower === wanted) return key;
    if (lower.split('-')[0] === wanted.split('-')[0]) sameLanguage ??= key;
  }
  return sameLanguage ?? 'es-MX';
}

/**
 * The `lang` that applies to `element`: its closest ancestor's, across shadow roots, then the document's. Written
 * without DOM globals (`Element`, `ShadowRoot`, `document`), which a server rendering the element does not have.
 */
function langOf(element: Element): string {
  for (let node: Node | null | undefined = element; node;) {
    const lang = (node as Element).getAttribute?.('lang');
    if (lang) return lang;
    node = (node as Partial<ShadowRoot>).host ?? node.parentNode;
  }
  return globalThis.document?.documentElement.lang ?? '';
}

function merge(base: Translation, overrides: Messages[string] | undefined): Translation {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const original = merged[key];
    merged[key] =
      typeof original === 'object' && !Array.isArray(original)
        ? { ...(original as object), ...(value as object) }
        : value;
  }
  return merged as unknown as Translation;
}

/**
 * Follows the language of its host live: the host's own `lang` (a reactive property), the closest ancestor's
 * `lang`, or the document's; a change of any `lang` attribute on the page re-renders the host (one
 * MutationObserver for the page, while any element is connected). Ancestors inside other shadow roots are read,
 * but their changes are seen only at the next render.
 */
export class LocalizeController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    if (!observer) {
      observer = new MutationObserver(updateAll);
      observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
    if (!hosts.size) {
      observer?.disconnect();
      observer = undefined;
    }
  }

  /**
   * The texts for the host's language (`own`, its `lang` property, which a framework may set without the
   * attribute; else the page's), with the host's `messages` for it merged in.
   */
  get(own: string, messages?: Messages): Localization {
    const locale = registered(own || langOf(this.#host));
    return { locale, t: merge(translations.get(locale)!, messages?.[locale]) };
  }
}
