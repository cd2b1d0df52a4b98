// The property names the script-tag build shortens (scripts/terser-pass.ts) must be the bundle's own: none may be a
// name that something outside the bundle reads or writes, or the element would break only in that build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { INTERNAL_PROPERTIES } from '../../scripts/terser-pass.js';
import * as proxyApi from '../../src/contract/proxy-api.js';
import { defaultSettings } from '../../src/element/proxy-client.js';
import { esMX } from '../../src/element/translations/es-MX.js';
import { en } from '../../src/element/translations/en.js';
import type { ImssErrorDetail, ImssProgressDetail, ImssSuccessDetail } from '../../src/element/events.js';

/** Every key of an object, nested ones included. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      keysOf(child, into);
    }
  return into;
}

interface ZodLike {
  _zod: {
    def: { shape?: Record<string, ZodLike>; innerType?: ZodLike; element?: ZodLike; options?: ZodLike[] };
  };
}
/** Every key of every object in the contract's schemas. */
function schemaKeys(schema: ZodLike, into: Set<string>): void {
  const { shape, innerType, element, options } = schema._zod.def;
  for (const [key, child] of Object.entries(shape ?? {})) {
    into.add(key);
    schemaKeys(child, into);
  }
  for (const child of [innerType, element, ...(options ?? [])]) if (child) schemaKeys(child, into);
}

describe('terser-pass: the shortened property names', () => {
  const outside = new Map<string, Set<string>>();
  outside.set('a translation key', keysOf([esMX, en]));
  const contract = new Set<string>();
  for (const value of Object.values(proxyApi))
    if (value && typeof value === 'object' && '_zod' in value) schemaKeys(value as ZodLike, contract);
  outside.set('a key of the contract', contract);
  outside.set('a setting', new Set(Object.keys(defaultSettings)));
  const detail: (keyof ImssErrorDetail | keyof ImssProgressDetail | keyof ImssSuccessDetail)[] = [
    'code',
    'message',
    'retryable',
    'requestId',
    'reason',
    'attemptsLeft',
    'step',
    'elapsedMs',
    'session',
    'summary',
  ];
  outside.set("an event's detail", new Set(detail));
  const manifest = JSON.parse(
    readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'),
  ) as {
    modules: {
      declarations?: { customElement?: boolean; members?: { name: string; privacy?: string }[] }[];
    }[];
  };
  outside.set(
    "the element's public API",
    new Set(
      manifest.modules.flatMap((module) =>
        (module.declarations ?? [])
          .filter((declaration) => declaration.customElement)
          .flatMap((declaration) =>
            (declaration.members ?? []).filter((m) => m.privacy !== 'private').map((m) => m.name),
          ),
      ),
    ),
  );

  test('were found: the contract, the translations and the public API are not empty', () => {
    for (const [what, names] of outside) assert.ok(names.size > 3, `${what}: ${names.size} names`);
    assert.ok(outside.get('a key of the contract')!.has('weeksRedeemed'));
    assert.ok(outside.get("the element's public API")!.has('consentGiven'));
  });

  for (const name of INTERNAL_PROPERTIES) {
    test(`${name} is read and written only inside the bundle`, () => {
      for (const [what, names] of outside) assert.equal(names.has(name), false, `${name} is ${what}`);
    });
  }
});
