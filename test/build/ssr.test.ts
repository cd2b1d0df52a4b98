// The element is safe to import and render on a server (Lit SSR): with or without `lang`, it renders its form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';

describe('<imss-connect> under Lit SSR', async () => {
  await import('../../src/element/define.js');

  test('renders the form in Spanish without lang, and in English with lang="en" once registered', async () => {
    const spanish = await collectResult(render(html`<imss-connect consent-given></imss-connect>`));
    assert.match(spanish, /<template shadowroot(mode)?="open"/);
    assert.match(spanish, /Consultar mi historial/);
    const { registerTranslation } = await import('../../src/element/localize.js');
    const { en } = await import('../../src/element/translations/en.js');
    registerTranslation('en', en);
    const english = await collectResult(render(html`<imss-connect lang="en" consent-given></imss-connect>`));
    assert.match(english, /Get my employment history/);
  });
});
