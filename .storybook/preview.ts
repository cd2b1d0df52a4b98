import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Docs pages (attributes, properties, events, CSS parts and properties) come from the element's JSDoc, through
// the custom elements manifest that `npm run analyze` writes, as published: public members only.
setCustomElementsManifest(manifest);

/** Rows of the docs table that describe, but cannot be set from a control. */
const documentedOnly = new Set(['events', 'css custom properties', 'css shadow parts']);

const preview: Preview = {
  argTypesEnhancers: [
    ({ argTypes }) =>
      Object.fromEntries(
        Object.entries(argTypes).map(([name, argType]) => [
          name,
          documentedOnly.has(String(argType.table?.category)) ? { ...argType, control: false } : argType,
        ]),
      ),
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};
export default preview;
