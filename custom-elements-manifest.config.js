// Custom elements manifest, from the element class's JSDoc: it feeds Storybook's docs, the README's tables and
// partners' generators. The analyzer describes the sources (src/element/*.ts); publicManifest() rewrites that into
// the package as published: the element at the module that defines it (dist/define.js, re-exported by
// dist/index.js), its public members only, and references from type names to the entry that exports them.
import { readFileSync } from 'node:fs';

const ELEMENT_SOURCE = 'src/element/imss-connect.ts';
const DEFINE_MODULE = 'dist/define.js';
const INDEX_MODULE = 'dist/index.js';

/** Names the package entry exports (src/index.ts's `export { … }` and `export type { … }` lists). */
function exportedNames() {
  const source = readFileSync(new URL('./src/index.ts', import.meta.url), 'utf8');
  const names = new Set();
  for (const [, list] of source.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const item of list.split(',')) {
      const name = item
        .replace(/\btype\b/, '')
        .split(/\bas\b/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** `{ text: 'CustomEvent<ImssSuccessDetail>' }` gains a reference to where `ImssSuccessDetail` can be imported. */
function withReferences(type, exported) {
  if (!type?.text) return type;
  const references = [...type.text.matchAll(/\b[A-Z]\w*/g)]
    .filter(([name]) => exported.has(name))
    .map((match) => ({
      name: match[0],
      module: INDEX_MODULE,
      start: match.index,
      end: match.index + match[0].length,
    }));
  return references.length ? { ...type, references } : type;
}

const isPublic = (member) => (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#');

function publicManifest() {
  return {
    name: 'public-manifest',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const source = manifest.modules.find((module) => module.path === ELEMENT_SOURCE);
      const element = source?.declarations?.find((declaration) => declaration.customElement);
      if (!element) throw new Error(`custom-elements manifest: no custom element in ${ELEMENT_SOURCE}`);
      const exported = exportedNames();
      const typed = (item) => ({
        ...item,
        ...(item.type ? { type: withReferences(item.type, exported) } : {}),
      });

      const declaration = {
        ...element,
        members: element.members.filter(isPublic).map((member) => ({
          ...typed(member),
          ...(member.parameters ? { parameters: member.parameters.map(typed) } : {}),
        })),
        attributes: element.attributes?.map(typed),
        events: element.events?.map(typed),
      };
      const reference = { name: element.name, module: DEFINE_MODULE };
      manifest.modules = [
        {
          kind: 'javascript-module',
          path: DEFINE_MODULE,
          declarations: [declaration],
          exports: [
            { kind: 'js', name: element.name, declaration: reference },
            { kind: 'custom-element-definition', name: element.tagName, declaration: reference },
          ],
        },
        {
          kind: 'javascript-module',
          path: INDEX_MODULE,
          declarations: [],
          exports: [
            { kind: 'js', name: element.name, declaration: reference },
            { kind: 'custom-element-definition', name: element.tagName, declaration: reference },
          ],
        },
      ];
    },
  };
}

export default {
  globs: ['src/element/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicManifest()],
};
