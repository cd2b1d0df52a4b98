import { expect, fixture, html } from '@open-wc/testing';
import { failOnConsoleErrors } from './harness.js';

failOnConsoleErrors();

describe('<imss-connect> dev-time warning', () => {
  it('warns once when neither privacy-url nor consent-given is set, and otherwise keeps the console clean', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await fixture(html`<imss-connect consent-given></imss-connect>`);
      await fixture(html`<imss-connect privacy-url="/aviso"></imss-connect>`);
      expect(warnings).to.have.length(0);
      await fixture(html`<imss-connect></imss-connect>`);
      const el = await fixture(html`<imss-connect></imss-connect>`);
      expect(warnings).to.have.length(1);
      await expect(el).to.be.accessible();
      expect(String(warnings[0]![0])).to.contain('privacy-url');
    } finally {
      console.warn = original;
    }
  });
});
