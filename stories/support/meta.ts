// What every <imss-connect> story file shares: args, controls, the render function and the in-page backend.
import type { Decorator, Meta, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { imssEventTypes, type ImssConnectEventMap } from '../../src/element/events.js';
import '../../src/element/define.js'; // registers <imss-connect>
import type { ConnectSettings } from '../../src/element/proxy-client.js';
import type { Messages } from '../../src/element/translations/translation.js';
import { disposeBackend, loadBackend, type StoryBackend } from './backend.js';

/**
 * The arg of each event's action, as Storybook names it from the manifest: `imss-progress` → `onImssProgress`.
 * (The manifest's events become these args on their own; `forwardEvents` calls them.)
 */
type EventArgs = {
  [K in keyof ImssConnectEventMap as K extends `imss-${infer Name}` ? `onImss${Capitalize<Name>}` : never]?: (
    event: ImssConnectEventMap[K],
  ) => void;
};
const eventArg = (type: string) => `onImss${type.charAt(5).toUpperCase()}${type.slice(6)}` as keyof EventArgs;

/** The element's attributes, by attribute name, and its events, as Storybook actions. */
export interface ImssConnectArgs extends EventArgs {
  endpoint: string;
  lang: string;
  'consent-given': boolean;
  'hide-summary': boolean;
  'privacy-url': string;
  'external-id': string;
  curp: string;
  /** Properties without an attribute: listed in the docs table, set from code, never by these stories' args. */
  messages?: Messages;
  fetch?: typeof fetch;
  settings?: Partial<ConnectSettings>;
}

/** Where the stories' consent checkbox links to. */
export const PRIVACY_URL = 'https://example.com/aviso-de-privacidad';

/** Empty strings leave an attribute off, so the element's own default applies. */
const renderImssConnect = (args: ImssConnectArgs, { loaded }: StoryContext<ImssConnectArgs>) =>
  html`<imss-connect
    endpoint=${args.endpoint}
    lang=${ifDefined(args.lang || undefined)}
    ?consent-given=${args['consent-given']}
    ?hide-summary=${args['hide-summary']}
    privacy-url=${ifDefined(args['privacy-url'] || undefined)}
    external-id=${ifDefined(args['external-id'] || undefined)}
    curp=${args.curp}
    .fetch=${(loaded.backend as StoryBackend | undefined)?.fetch}
    .settings=${args.settings}
  ></imss-connect>`;

/**
 * beforeEach: hands every event of the element to its action (the events bubble out of the element to the canvas),
 * until the story is unmounted.
 */
const forwardEvents = ({ canvasElement, args }: StoryContext<ImssConnectArgs>) => {
  const forward = (event: Event) => args[eventArg(event.type)]?.(event as never);
  for (const type of imssEventTypes) canvasElement.addEventListener(type, forward);
  return () => {
    for (const type of imssEventTypes) canvasElement.removeEventListener(type, forward);
  };
};

/**
 * Storybook's iframe is `<html lang="en">`, which the element (rightly) follows when it has no `lang` of its own.
 * A partner's page in Mexico says `es-MX`: the stories sit in such a container, so that with the `lang` arg unset
 * they show the element's default texts. Set `lang` to `en` on the element to see the English ones.
 */
const mexicanHostPage: Decorator = (story) => html`<div lang="es-MX">${story()}</div>`;

/** Spread into each story file's default export, next to its own literal `title` (Storybook reads it statically). */
export const imssConnectMeta = {
  component: 'imss-connect',
  render: renderImssConnect,
  decorators: [mexicanHostPage],
  loaders: [loadBackend],
  beforeEach: [disposeBackend, forwardEvents],
  args: {
    endpoint: '/api/imss',
    lang: '',
    'consent-given': false,
    'hide-summary': false,
    'privacy-url': PRIVACY_URL,
    'external-id': '',
    curp: '',
  },
  argTypes: {
    endpoint: { control: 'text' },
    lang: {
      control: { type: 'select', labels: { '': '(unset: the page’s es-MX)', 'es-MX': 'es-MX', en: 'en' } },
      options: ['', 'es-MX', 'en'],
    },
    'consent-given': { control: 'boolean' },
    'hide-summary': { control: 'boolean' },
    'privacy-url': { control: 'text' },
    'external-id': { control: 'text' },
    curp: { control: 'text' },
    messages: { control: false },
    fetch: { control: false },
    settings: { control: false },
  },
} satisfies Meta<ImssConnectArgs>;
