import { defineConfig } from 'vite';
import { adoptedStyleSheets } from './scripts/adopted-style-sheets.js';
import { minifyTemplates } from './scripts/minify-templates.js';
import { terserPass } from './scripts/terser-pass.js';

// Two builds from one config:
//  - `vite build`: the npm package, ES modules per entry, dependencies left to the consumer's bundler;
//  - `vite build --mode standalone`: dist/imss-connect.min.js, one self-contained script for a <script src> tag
//    that registers <imss-connect> on load (Lit bundled in, Spanish texts only); `--mode standalone-en`:
//    dist/imss-connect.en.min.js, the English texts for it, a script of its own. Its size is budgeted (scripts/size.js):
//    target es2022 keeps `#private` members and static blocks native (es2021 would emulate them with WeakMaps),
//    minifyTemplates compacts the CSS and HTML of Lit's templates, which the JS minifier leaves as they are,
//    adoptedStyleSheets drops Lit's fallback for browsers the element does not support anyway, and terserPass
//    minifies Oxc's output once more, shortening the bundle's internal property names.
// And, for `npm start` with a real Belvo (src/server/static-demo.ts), `vite build --mode demo`: the demo page
// (index.html) built into demo-dist/, with no source maps, so that no source of the project is ever served.
export default defineConfig(({ mode }) => {
  if (mode === 'demo') {
    return {
      publicDir: false,
      build: { outDir: 'demo-dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
    };
  }
  if (mode === 'standalone' || mode === 'standalone-en') {
    const english = mode === 'standalone-en';
    return {
      plugins: [minifyTemplates(), adoptedStyleSheets(), terserPass()],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: {
          entry: english ? 'src/standalone-en.ts' : 'src/standalone.ts',
          formats: ['iife'],
          name: 'ImssConnect',
          fileName: () => (english ? 'imss-connect.en.min.js' : 'imss-connect.min.js'),
        },
        // The global's toString tag ("Module") is of no use to anyone.
        rolldownOptions: { output: { generatedCode: { symbols: false } } },
      },
    };
  }
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Readable, unminified ES modules without source maps: the maps would only repeat these sources (the
      // package ships no src/), doubling its size.
      minify: false,
      lib: {
        entry: {
          index: 'src/index.ts',
          define: 'src/element/define.ts',
          curp: 'src/curp/index.ts',
          contract: 'src/contract/index.ts',
          summary: 'src/summary/index.ts',
          react: 'src/react/index.ts',
          vue: 'src/vue/index.ts',
          proxy: 'src/proxy/index.ts',
          'proxy-redis': 'src/proxy/redis.ts',
          'proxy-durable-object': 'src/proxy/durable-object.ts',
          sandbox: 'src/sandbox/index.ts',
        },
        formats: ['es'],
      },
      rolldownOptions: {
        external: [/^lit/, /^@lit\//, /^zod/, /^hono/, /^react/, /^vue/, /^node:/, /^redis$/, /^@redis\//],
        // Shared code goes into the entries themselves where it can (the element into define.js), so the chunks
        // that register <imss-connect> are the entries named in package.json's `sideEffects`.
        preserveEntrySignatures: 'allow-extension',
      },
    },
  };
});
