// Every state of <imss-connect> side by side, for the docs page every-state.mdx: each element starts its own
// retrieval from its render (not a play function, which docs pages do not run), against a backend of its own (the
// real proxy and sandbox in the page, with the story's interceptors). The element's CSS custom properties are the
// story's controls, set on the wrapper so that every element inherits them.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ImssConnect } from '../src/element/imss-connect.js';
import { heldLinkCreation, noProxyAtEndpoint, withAttemptsLeft } from '../test/support/interceptors.js';
import { createStoryBackend, type StoryBackend, type StoryBackendOptions } from './support/backend.js';
import { PRIVACY_URL } from './support/meta.js';
import '../src/element/define.js';

/** One state: what it shows, the CURP it submits (none: it stays as it is), its backend, its attributes. */
interface State {
  name: string;
  curp?: string;
  backend?: StoryBackendOptions;
  consentGiven?: boolean;
  hideSummary?: boolean;
}

const STATES: State[] = [
  { name: 'Idle, with the consent checkbox', consentGiven: false },
  { name: 'A CURP with a wrong check digit', curp: 'GALM900514MDFRPR05' },
  {
    name: 'Submitting (the proxy holds the answer)',
    curp: 'GALM900514MDFRPR04',
    backend: { intercept: heldLinkCreation().intercept },
  },
  {
    name: 'Retrieving (no webhook comes)',
    curp: 'VAPE800101HDFLRD03',
    backend: { sessionTimeoutMs: 3_600_000 },
  },
  { name: 'Error: nss_not_found', curp: 'TOVL880909HMCRLS09' },
  {
    name: 'Error with checks left: institution_unavailable',
    curp: 'OEGL930303MNERMR03',
    backend: { intercept: withAttemptsLeft(2) },
  },
  {
    name: 'Error: configuration (no proxy at endpoint)',
    curp: 'GALM900514MDFRPR04',
    backend: { intercept: noProxyAtEndpoint },
  },
  { name: 'Success: one current job', curp: 'GALM900514MDFRPR04' },
  { name: 'Success: 12 jobs', curp: 'HEGJ850101HJCRNN06' },
  { name: 'Success: two profiles (two NSS)', curp: 'SAMC920320MVZNRR04' },
  { name: 'Success: voluntary contributions (Modalidad 40)', curp: 'MORG660315MDFRDD03' },
  { name: 'Success: salary at the cap', curp: 'VEMR751120HDFLRC08' },
  { name: 'Success: no employment on record', curp: 'SOTM700707MJCTRR08' },
  { name: 'Success with hide-summary', curp: 'GALM900514MDFRPR04', hideSummary: true },
];

/**
 * The documented custom properties, unset at first (each element then takes its light or dark default, as the
 * page's colour scheme says), their light defaults as the controls' hints.
 */
const CSS_PROPERTIES = {
  '--imss-connect-accent': '#235b4e',
  '--imss-connect-text': '#1b1f24',
  '--imss-connect-muted': '#4a5159',
  '--imss-connect-surface': '#ffffff',
  '--imss-connect-danger': '#9f2241',
  '--imss-connect-radius': '0.5rem',
  '--imss-connect-font': 'system-ui, sans-serif',
};
type CssArgs = Record<keyof typeof CSS_PROPERTIES, string>;

/**
 * The backend of each state, kept across renders (a change of a control renders the story again; the elements and
 * their retrievals stay), disposed when the story is unmounted.
 */
const backends = new Map<State, StoryBackend>();
const started = new WeakSet<Element>();

/** Submits once the element is on the page (with the `curp` it was given), the first time it renders. */
const startOnce = (state: State) =>
  ref((element) => {
    if (!element || !state.curp || started.has(element)) return;
    started.add(element);
    void (element as ImssConnect).updateComplete.then(() => (element as ImssConnect).submit());
  });

function renderState(state: State) {
  let backend = backends.get(state);
  if (!backend) backends.set(state, (backend = createStoryBackend(state.backend)));
  return html`<figure style="margin:0">
    <figcaption style="font:600 0.875rem system-ui;margin-bottom:0.25rem">${state.name}</figcaption>
    <imss-connect
      ?consent-given=${state.consentGiven ?? true}
      ?hide-summary=${state.hideSummary ?? false}
      privacy-url=${PRIVACY_URL}
      curp=${state.curp ?? ''}
      .fetch=${backend.fetch}
      ${startOnce(state)}
    ></imss-connect>
  </figure>`;
}

const meta = {
  title: 'imss-connect/Every state',
  tags: ['!autodocs'],
  args: Object.fromEntries(Object.keys(CSS_PROPERTIES).map((name) => [name, ''])) as CssArgs,
  argTypes: Object.fromEntries(
    Object.entries(CSS_PROPERTIES).map(([name, light]) => [
      name,
      {
        control: name.endsWith('radius') || name.endsWith('font') ? 'text' : 'color',
        description: `Unset: ${light} (light), the documented dark value under a dark colour scheme.`,
      },
    ]),
  ),
  beforeEach: () => () => {
    for (const backend of backends.values()) backend.dispose();
    backends.clear();
  },
  render: (args: CssArgs) =>
    html`<div
      lang="es-MX"
      style=${styleMap({
        // An empty control leaves its property unset.
        ...Object.fromEntries(Object.entries(args).filter(([, value]) => value)),
        display: 'grid',
        gap: '1.5rem',
        gridTemplateColumns: 'repeat(auto-fill, minmax(20rem, 1fr))',
        alignItems: 'start',
      })}
    >
      ${STATES.map(renderState)}
    </div>`,
} satisfies Meta<CssArgs>;
export default meta;

/** Every state together; the controls set the element's CSS custom properties on all of them. */
export const EveryState: StoryObj<CssArgs> = {};
