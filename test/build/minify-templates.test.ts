import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { compactCss, compactHtml, minifyTemplates } from '../../scripts/minify-templates.js';

describe('minifyTemplates: css', () => {
  test('drops comments (quotes in them included) and the whitespace around punctuation', () => {
    assert.equal(
      compactCss(`
        /* #curp's own border */
        #curp[aria-invalid='true'],
        .a > .b {
          border: 1px solid var(--x, red);
          content: '✓' / '';
        }
        @media (prefers-reduced-motion: no-preference) {
          li { animation: spin 1s linear infinite; }
        }
      `).trim(), // (the plugin trims a whole sheet's ends)
      "#curp[aria-invalid='true'],.a>.b{border:1px solid var(--x,red);content:'✓' / ''}" +
        '@media (prefers-reduced-motion:no-preference){li{animation:spin 1s linear infinite}}',
    );
  });

  test('leaves quoted strings as they are', () => {
    assert.equal(
      compactCss(`a::before { content: "a  ;  b /* c */"; }`),
      `a::before{content:"a  ;  b /* c */"}`,
    );
  });
});

describe('minifyTemplates: html', () => {
  test('drops whitespace that spans lines next to a block, makes it one newline elsewhere, keeps a line', () => {
    assert.deepEqual(
      compactHtml(`<p class="x">
          <span> a </span> <b>b</b>
          <span>c</span>
        </p>
        <span>d</span>`),
      ['<p class="x"><span> a </span> <b>b</b>\n<span>c</span></p><span>d</span>'],
    );
  });

  test('inside a tag, one space between attributes and none before `>`, quoted values kept', () => {
    assert.deepEqual(compactHtml(`<input\n   id="a  b"\n   title='x >\n y'\n />\n <p\n >t</p\n >`), [
      `<input id="a  b" title='x >\n y' /><p>t</p>`,
    ]);
  });

  test('knows that a tag, or a quoted value, goes on across an expression', () => {
    assert.deepEqual(compactHtml('<svg\n  viewBox="0 0 ', '"\n  height=', '\n>\n  ', '\n</svg>'), [
      '<svg viewBox="0 0 ',
      '" height=',
      '>\n',
      '\n</svg>',
    ]);
  });

  test('rewrites only the static parts of css`` and html`` templates in a build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minify-templates-'));
    const entry = join(dir, 'src', 'entry.ts');
    mkdirSync(dirname(entry));
    writeFileSync(
      entry,
      [
        "import { css, html } from 'lit';",
        'export const styles = css`\n  a {\n    color: red;\n  }\n`;',
        'export const view = (x: string) => html`<p\n  class="a">\n    ${x ? html`<b>\n  ${x}</b>` : "  keep  "}\n  </p>`;',
      ].join('\n'),
    );
    try {
      const output = await build({
        root: dir,
        logLevel: 'silent',
        configFile: false,
        plugins: [minifyTemplates()],
        build: {
          write: false,
          minify: false,
          lib: { entry, formats: ['es'], fileName: 'out' },
          rolldownOptions: { external: ['lit'] },
        },
      });
      const result = (Array.isArray(output) ? output[0] : output) as { output: Array<{ code: string }> };
      const { code } = result.output[0]!;
      assert.match(code, /css`a\{color:red\}`/);
      assert.match(code, /html`<p class="a">\$\{x \? html`<b>\n\$\{x\}<\/b>` : " {2}keep {2}"\}<\/p>`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
