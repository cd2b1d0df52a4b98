// The custom elements manifest as published: the element at the module that defines it, its public API only,
// every CSS part the template has, and type names that point at an entry exporting them.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);

interface TypeText {
  text: string;
  references?: { name: string; module: string; start: number; end: number }[];
}
interface Manifest {
  modules: {
    path: string;
    declarations?: {
      customElement?: boolean;
      tagName?: string;
      members?: { name: string; kind: string; privacy?: string; type?: TypeText }[];
      events?: { name: string; type?: TypeText }[];
      cssParts?: { name: string }[];
    }[];
    exports?: { kind: string; name: string; declaration: { name: string; module: string } }[];
  }[];
}

let manifest: Manifest;
before(async () => {
  await promisify(execFile)(
    process.execPath,
    [
      'node_modules/@custom-elements-manifest/analyzer/cem.js',
      'analyze',
      '--config',
      'custom-elements-manifest.config.js',
    ],
    { cwd: root },
  );
  manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
});

const element = () =>
  manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.customElement)!;

test('names only modules the package ships, and the define export', async () => {
  const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  const shipped = Object.values(pkg.exports as Record<string, string | { default: string }>).map((target) =>
    (typeof target === 'string' ? target : target.default).replace(/^\.\//, ''),
  );
  for (const module of manifest.modules) assert.ok(shipped.includes(module.path), module.path);
  const definitions = manifest.modules.flatMap((module) =>
    (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
  );
  assert.deepEqual(
    [
      ...new Set(
        definitions.map(
          (entry) => `${entry.name} → ${entry.declaration.name} in ${entry.declaration.module}`,
        ),
      ),
    ],
    ['imss-connect → ImssConnect in dist/define.js'],
  );
  assert.equal(element().tagName, 'imss-connect');
});

test('lists public members only', () => {
  const members = element().members ?? [];
  assert.deepEqual(
    members.filter(
      (member) =>
        member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#'),
    ),
    [],
  );
  for (const method of ['submit', 'cancel', 'reset'])
    assert.ok(members.some((member) => member.name === method));
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
  assert.equal(
    declarations.length,
    1,
    'no internal module (flow controller, proxy client, formatting) is listed',
  );
});

test('documents every CSS part of the template', async () => {
  // The element's template and the parts of it rendered by modules of their own (the result card).
  const files = ['imss-connect.ts', 'history-card.ts'];
  const sources = await Promise.all(
    files.map((file) => readFile(new URL(`src/element/${file}`, root), 'utf8')),
  );
  const source = sources.join('\n');
  const used = new Set([...source.matchAll(/part="([^"]+)"/g)].flatMap(([, parts]) => parts!.split(/\s+/)));
  assert.deepEqual(new Set((element().cssParts ?? []).map((part) => part.name)), used);
});

test('type names refer to the package entry that exports them', async () => {
  const entry = await readFile(new URL('dist/types/index.d.ts', root), 'utf8').catch(() => undefined);
  const typed = [...(element().members ?? []), ...(element().events ?? [])].flatMap((item) =>
    item.type ? [item.type] : [],
  );
  const references = typed.flatMap((type) =>
    (type.references ?? []).map((reference) => ({ type, reference })),
  );
  assert.ok(references.some(({ reference }) => reference.name === 'Messages'));
  assert.ok(references.some(({ reference }) => reference.name === 'ImssSuccessDetail'));
  for (const { type, reference } of references) {
    assert.equal(type.text.slice(reference.start, reference.end), reference.name);
    assert.equal(reference.module, 'dist/index.js');
    if (entry)
      assert.match(
        entry,
        new RegExp(`\\b${reference.name}\\b`),
        `${reference.name} exported by the package entry`,
      );
  }
});
