// Server rendering of the React wrapper, as a Next.js page would do it: the markup must carry the element's
// configuration as attributes, for the element to have it when it upgrades, before hydration.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ImssConnectReact } from 'imss-connect/react';

const wrapper = createElement(ImssConnectReact, {
  endpoint: '/api/imss',
  privacyUrl: '/aviso-de-privacidad',
  consentGiven: true,
  hideSummary: false,
  messages: { 'es-MX': { submit: 'Consultar' } },
});
process.stdout.write(renderToString(wrapper));
