// The React and Vue typings derive the element's attributes from its properties (src/frameworks/element-api.ts):
// `externalId` → `external-id`, strings and booleans only. This holds the element to that naming, so the typed
// attributes are the ones it observes.
import { expect } from '@open-wc/testing';
import '../../src/element/define.js';
import { ImssConnect } from '../../src/element/imss-connect.js';
import type { ImssConnectAttributes, KebabCase } from '../../src/frameworks/element-api.js';

const kebabCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

// The type-level rule and the run-time one agree (a compile error otherwise).
const example: KebabCase<'consentGiven'> = 'consent-given';
const typed: (keyof ImssConnectAttributes)[] = ['endpoint', 'lang', 'external-id', 'privacy-url', example];

describe('attribute names for the framework typings', () => {
  it('every observed attribute is its property name in kebab case', () => {
    const observed = (ImssConnect as unknown as { observedAttributes: string[] }).observedAttributes;
    const expected = [...ImssConnect.elementProperties]
      .filter(([, options]) => !options.state && options.attribute !== false)
      .map(([name]) => kebabCase(String(name)));
    expect([...observed].sort()).to.deep.equal(expected.sort());
    expect(observed).to.include.members(typed);
  });
});
