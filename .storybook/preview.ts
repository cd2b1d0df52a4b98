import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// Docs pages (attributes, properties, events, CSS parts and properties) come from the element's JSDoc,
// through the custom elements manifest that `npm run analyze` writes.

interface Member {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  description?: string;
}
interface Attribute {
  name: string;
  fieldName?: string;
  description?: string;
}
interface Declaration {
  customElement?: boolean;
  members?: Member[];
  attributes?: Attribute[];
}

/**
 * Storybook turns every member of the manifest into a row (and a control) of the docs table. So, for the docs only:
 * - only documented instance members are kept: private, protected and static ones are not API, and neither is the
 *   element's internal reactive state (`static properties = { x: { state: true } }`), which the analyzer lists as
 *   public fields without a description;
 * - a property that has an attribute is listed once, as the attribute, whose description names the property.
 */
function forStorybook<T extends { modules: Array<{ declarations?: unknown[] }> }>(source: T): T {
  const copy = structuredClone(source);
  for (const declaration of copy.modules.flatMap((module) => (module.declarations ?? []) as Declaration[])) {
    if (!declaration.customElement) continue;
    declaration.members = declaration.members?.filter(
      (member) =>
        (member.privacy ?? 'public') === 'public' &&
        !member.static &&
        !!member.description &&
        !(member.kind === 'field' && member.attribute),
    );
    for (const attribute of declaration.attributes ?? []) {
      if (attribute.fieldName && attribute.fieldName !== attribute.name) {
        attribute.description = `${attribute.description ?? ''} Property: \`${attribute.fieldName}\`.`;
      }
    }
  }
  return copy;
}

setCustomElementsManifest(forStorybook(manifest));

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
