// The same states in English, in dark colours and in a 320 px wide container.
import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import manifest from '../custom-elements.json';
import { imssConnectMeta, type ImssConnectArgs } from './support/meta.js';
import { imssConnect, submitAndFail, submitAndSucceed } from './support/play.js';

const meta = {
  ...imssConnectMeta,
  title: 'imss-connect/Appearance',
  tags: ['!autodocs'],
} satisfies Meta<ImssConnectArgs>;
export default meta;

type Story = StoryObj<ImssConnectArgs>;

const idle: Story = {};

/** nss_not_found: the error panel with its support reference. */
const error: Story = {
  args: { 'consent-given': true, curp: 'TOVL880909HMCRLS09' },
  play: async ({ canvasElement }) => submitAndFail(await imssConnect(canvasElement), 'nss_not_found'),
};

/** institution_unavailable: retryable, so the panel also has the primary “retry” button. */
const retryableError: Story = {
  args: { 'consent-given': true, curp: 'OEGL930303MNERMR03' },
  play: async ({ canvasElement }) =>
    submitAndFail(await imssConnect(canvasElement), 'institution_unavailable'),
};

/** The long history (HEGJ850101HJCRNN06): the longest texts of the result card. */
const success: Story = {
  args: { 'consent-given': true, curp: 'HEGJ850101HJCRNN06' },
  play: async ({ canvasElement }) => submitAndSucceed(await imssConnect(canvasElement)),
};

// ── English ────────────────────────────────────────────────────────────────────────────────────────────────────

/** `lang="en"` on the element (it would also follow the closest ancestor's `lang`). */
export const EnglishIdle: Story = { ...idle, args: { lang: 'en' } };

export const EnglishError: Story = { ...error, args: { ...error.args, lang: 'en' } };

/** Amounts and dates formatted for `en` (MX$, “May 14, 2024”). */
export const EnglishSuccess: Story = { ...success, args: { ...success.args, lang: 'en' } };

// ── Dark ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The dark value of each custom property, as the element documents it (`@cssprop [--name=light] - … (dark: #hex)`),
 * read from the custom elements manifest so that this story follows the docs.
 */
function documentedDarkValues(): Record<string, string> {
  const element = manifest.modules
    .flatMap(
      (module) => (module.declarations ?? []) as Array<{ tagName?: string; cssProperties?: CssProperty[] }>,
    )
    .find((declaration) => declaration.tagName === 'imss-connect');
  const values = Object.fromEntries(
    (element?.cssProperties ?? []).flatMap(({ name, description }) => {
      const dark = /\(dark: (#[\da-f]+)\)/i.exec(description ?? '')?.[1];
      return dark ? [[name, dark]] : [];
    }),
  );
  if (!Object.keys(values).length)
    throw new Error('custom-elements.json documents no dark values: run npm run analyze.');
  return values;
}

interface CssProperty {
  name: string;
  description?: string;
}

/**
 * The element switches to dark colours on its own under `prefers-color-scheme: dark`, which Storybook cannot emulate
 * per story. This decorator reproduces it: it sets the element's documented custom properties to their documented
 * dark values on a wrapper (they inherit into the element), with `color-scheme: dark` for native controls, and the
 * backgrounds global gives the whole canvas a dark page colour. So it shows what the media query shows, and what a
 * host page with a dark theme of its own would do.
 */
const darkPage: Decorator = (story) =>
  html`<div style=${styleMap({ colorScheme: 'dark', ...documentedDarkValues() })}>${story()}</div>`;

const dark: Story = {
  decorators: [darkPage],
  parameters: { backgrounds: { options: { dark: { name: 'Dark page', value: '#0e1013' } } } },
  globals: { backgrounds: { value: 'dark' } },
};

export const DarkIdle: Story = { ...idle, ...dark };

export const DarkError: Story = { ...retryableError, ...dark };

export const DarkSuccess: Story = { ...success, ...dark };

// ── Narrow ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A 320 px wide container: the smallest phone width, and WCAG's reflow width. */
const narrowContainer: Decorator = (story) => html`<div style="width: 320px">${story()}</div>`;

const narrow: Story = { decorators: [narrowContainer] };

export const NarrowIdle: Story = { ...idle, ...narrow };

export const NarrowError: Story = { ...retryableError, ...narrow };

export const NarrowSuccess: Story = { ...success, ...narrow };
