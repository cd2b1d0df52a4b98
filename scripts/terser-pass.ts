// Build step for the <script src> bundle: a second minification, by Terser, of what Oxc (vite's minifier) made.
// Measured on this bundle, Oxc then Terser is about 0.7% smaller gzipped than either alone. Not `toplevel`: the
// script's one top-level name is the `ImssConnect` global, which must stay. `unsafe_arrows` turns a `function` that
// never uses `this` or `arguments` into an arrow (none of ours is called with `new`). (Not `pure_getters`: some of
// Lit's getters do something, e.g. a CSSResult's `styleSheet` makes the sheet.)
//
// Terser also shortens the property names of INTERNAL_PROPERTIES, which no minifier may shorten on its own (to it,
// any property may be read from outside).
import { minify } from 'terser';
import type { Plugin } from 'vite';

/**
 * Property names that only the bundle itself reads and writes, so that Terser may shorten them everywhere in it:
 * no DOM, contract, translation, setting, event or public API name (test/build/terser-pass.test.ts checks that),
 * and never read by a computed name (the build fails when one appears in a string of the bundle).
 */
export const INTERNAL_PROPERTIES = [
  // The element's reactive state (Lit's `state: true` properties) and its flow's.
  'finished',
  'consented',
  'consentMissing',
  'announcement',
  'quiet',
  'allJobs',
  'startedAt',
  'active',
  // Options and members of the element's own helpers: its flow controller, localization, formatters, checkCurp.
  'config',
  'onChange',
  'onTick',
  'locale',
  'money',
  'today',
  // Lit's property declaration options, written in the element's `static properties` and read by Lit, both inside
  // the bundle.
  'attribute',
  'converter',
  'reflect',
  'useDefault',
  'wrapped',
  'noAccessor',
  'hasChanged',
  'fromAttribute',
  'toAttribute',
  // Lit's members that only Lit and the element use, within the bundle (not `updateComplete`, which a host page may
  // await, nor the custom element callbacks, which the browser calls).
  'requestUpdate',
  'renderRoot',
  'hasUpdated',
  'strings',
  'values',
  'el',
  'element',
  'options',
  'isUpdatePending',
  'renderOptions',
  'renderBefore',
  'creationScope',
  'setConnected',
  'enableUpdating',
  'getPropertyOptions',
  'getPropertyDescriptor',
  'createProperty',
  'finalizeStyles',
  'elementStyles',
  'createRenderRoot',
  'scheduleUpdate',
  'performUpdate',
  'shouldUpdate',
  'willUpdate',
  'getUpdateComplete',
  'addInitializer',
  'removeController',
  'parts',
  'ctor',
  'hostConnected',
  'hostDisconnected',
  'hostUpdate',
  'hostUpdated',
  'addController',
  'finalize',
  'startNode',
  'endNode',
];

/**
 * Lit's private members shared between its own modules (`_$AH`…), shortened too; not its markers, which tell Lit
 * copies of different versions apart (`_$litType$`, `_$litDirective$`, `_$cssResult$`…).
 */
const LIT_PRIVATE = '_\\$(?!lit|cssResult)[A-Z][A-Za-z]?';

/**
 * V8's compile hint for the whole script (Chrome 136 and later; a comment elsewhere): compile every function while
 * the script loads, off the main thread when it streams, instead of one by one on first call. Every function of the
 * bundle runs at once anyway (it registers the element, which renders on the page): measured by
 * `npm run bench:element`, a page's first render of the form 150 → 121 ms at 4× CPU throttling.
 */
const COMPILE_EVERYTHING_ON_LOAD = '//# allFunctionsCalledOnLoad';

export function terserPass(): Plugin {
  return {
    name: 'imss-connect:terser-pass',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const quoted = INTERNAL_PROPERTIES.find((name) => new RegExp(`["'\`]${name}["'\`]`).test(chunk.code));
        if (quoted)
          throw new Error(`terser-pass: ${chunk.fileName} reads "${quoted}" by name; it cannot be shortened`);
        const { code } = await minify(chunk.code, {
          ecma: 2020,
          compress: { passes: 3, unsafe_arrows: true },
          mangle: {
            properties: {
              regex: new RegExp(`^(?:${INTERNAL_PROPERTIES.join('|')}|${LIT_PRIVATE})$`),
              builtins: true,
            },
          },
          format: { comments: false, preamble: COMPILE_EVERYTHING_ON_LOAD },
        });
        if (code === undefined) throw new Error(`terser-pass: no output for ${chunk.fileName}`);
        chunk.code = code;
      }
    },
  };
}
