// Build step for the <script src> bundle: tells Lit that the browser adopts style sheets, so that the minifier drops
// the fallback Lit keeps for browsers that cannot (a <style> element per sheet, for Safari before 16.4 and the
// ShadyCSS polyfill). Every browser the element supports can: it needs AbortSignal.any (Chrome 116, Safari 17.4,
// Firefox 124), and adoptedStyleSheets came earlier in each. Lit's own check is replaced by `true`; the build fails
// if Lit's code no longer has it word for word (a new Lit: check it and update SUPPORT_CHECK).
import type { Plugin } from 'vite';

/** Lit's `supportsAdoptingStyleSheets`, as @lit/reactive-element 2.1's css-tag.js computes it. */
export const SUPPORT_CHECK =
  'e=t.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype';

export function adoptedStyleSheets(): Plugin {
  return {
    name: 'imss-connect:adopted-style-sheets',
    transform(code, id) {
      if (!/\/@lit\/reactive-element\/css-tag\.js$/.test(id)) return;
      if (code.split(SUPPORT_CHECK).length !== 2) {
        throw new Error(
          `adopted-style-sheets: Lit's check is not in ${id} as expected; update SUPPORT_CHECK`,
        );
      }
      return { code: code.replace(SUPPORT_CHECK, 'e=!0'), map: null };
    },
  };
}
