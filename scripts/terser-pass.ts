// Build step for the <script src> bundle: a second minification, by Terser, of what Oxc (vite's minifier) made.
// Measured on this bundle, Oxc then Terser is about 0.7% smaller gzipped than either alone. Not `toplevel`: the
// script's one top-level name is the `ImssConnect` global, which must stay. `unsafe_arrows` turns a `function` that never uses
// `this` or `arguments` into an arrow (none of ours is called with `new`), `pure_getters` drops reads whose value is
// unused (no getter of ours has a side effect).
import { minify } from 'terser';
import type { Plugin } from 'vite';

export function terserPass(): Plugin {
  return {
    name: 'imss-connect:terser-pass',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const { code } = await minify(chunk.code, {
          ecma: 2020,
          compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
          format: { comments: false },
        });
        if (code === undefined) throw new Error(`terser-pass: no output for ${chunk.fileName}`);
        chunk.code = code;
      }
    },
  };
}
