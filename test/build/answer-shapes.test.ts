// The browser reads the proxy's answers with readShape and the descriptions generated from the contract's schemas
// (src/element/answer-shapes.ts) instead of zod: proven here to say what zod says, on answers generated from the
// schemas and on mutations of them, and the generated file proven to be what the schemas give today.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  CreateLinkResponseSchema,
  LinkStatusResponseSchema,
  ProxyErrorResponseSchema,
} from '../../src/contract/proxy-api.js';
import * as generated from '../../src/element/answer-shapes.js';
import { readShape, type Shape } from '../../src/element/read-shape.js';
import { answerShapesFile, answerShapesSource, describeSchema } from '../../scripts/answer-shapes.js';

/** Any JSON-like value, with the odd numbers JSON cannot carry but a reader must refuse. */
const anything = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, NaN, Infinity, -Infinity, 2 ** 53, -0, 1.5, [], {}, null),
);

/** A value that fits `shape`, mostly, with the edge values each kind allows. */
function fitting(shape: Shape): fc.Arbitrary<unknown> {
  if (shape === 0) return fc.oneof(fc.string(), fc.constantFrom('', 'pending', 'EMPLOYED'));
  if (shape === 1) return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
  if (shape === 2) return fc.boolean();
  if (shape === 3) return fc.oneof(fc.integer({ min: -3, max: 5 }), fc.maxSafeInteger());
  if (!Array.isArray(shape)) {
    const entries = Object.entries(shape as Record<string, Shape>);
    return fc.record(Object.fromEntries(entries.map(([key, inner]) => [key, fitting(inner)])), {
      // Optional keys absent, present as undefined, or present with a value; plus the odd unknown key.
      requiredKeys: entries
        .filter(([, inner]) => !(Array.isArray(inner) && inner[0] === '?'))
        .map(([k]) => k),
    });
  }
  const [kind, inner, bound] = shape as [string, Shape, number];
  switch (kind) {
    case 'e':
      return fc.constantFrom(...shape.slice(1));
    case '?':
      return fc.oneof(fc.constant(undefined), fitting(inner));
    case 'n':
      return fc.oneof(fc.constant(null), fitting(inner));
    case 'a':
      return fc.array(fitting(inner), { maxLength: 3 });
    case 'u':
      return fc.oneof(...(shape.slice(1) as Shape[]).map(fitting));
    default:
      // A check: values on both sides of its bound.
      return fc.oneof(fitting(inner), fc.constantFrom(bound - 1, bound, bound + 1));
  }
}

/** Changes one value somewhere inside `value`: replaced, removed, or a key added. */
const mutated = (value: unknown): fc.Arbitrary<unknown> =>
  fc.tuple(fc.nat(), anything, fc.constantFrom('replace', 'delete', 'add')).map(([at, other, how]) => {
    const copy = structuredClone(value);
    const slots: [Record<string | number, unknown>, string | number][] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object')
        for (const key of Object.keys(node)) {
          slots.push([node as Record<string, unknown>, key]);
          walk((node as Record<string, unknown>)[key]);
        }
    };
    walk(copy);
    if (!slots.length) return other;
    const [parent, key] = slots[at % slots.length]!;
    if (how === 'delete') delete parent[key];
    else if (how === 'add') (parent as Record<string, unknown>)[`x${String(key)}`] = other;
    else parent[key] = other;
    return copy;
  });

const schemas = {
  createLinkResponse: CreateLinkResponseSchema,
  linkStatusResponse: LinkStatusResponseSchema,
  proxyErrorResponse: ProxyErrorResponseSchema,
} as const;

describe('readShape reads the proxy answers exactly as the contract schemas do', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    const shape = generated[name as keyof typeof schemas];
    const agree = (value: unknown) => {
      const zod = schema.safeParse(value);
      assert.deepStrictEqual(readShape(shape, value), zod.success ? zod.data : undefined);
    };
    test(`${name}: answers that fit, and mutations of them`, () => {
      const base = fitting(shape);
      fc.assert(fc.property(base, agree), { numRuns: 3000 });
      fc.assert(fc.property(base.chain(mutated), agree), { numRuns: 6000 });
    });
    test(`${name}: any JSON value`, () => {
      fc.assert(fc.property(anything, agree), { numRuns: 2000 });
    });
  }
});

describe('readShape on every construct the generator describes', () => {
  test('agrees with zod on a schema that uses them all', async () => {
    const z = await import('zod/mini');
    const schema = z.object({
      s: z.string().check(z.minLength(2), z.maxLength(4)),
      n: z.nullable(z.number().check(z.gt(0), z.lte(10))),
      i: z.optional(z.int().check(z.gte(0), z.lt(100))),
      b: z.boolean(),
      l: z.literal('v1'),
      u: z.union([z.string(), z.array(z.object({ k: z.enum(['a', 'b']) }))]),
      a: z.array(z.array(z.number()).check(z.minLength(1))),
    });
    const shape = describeSchema(schema as never);
    const agree = (value: unknown) => {
      const zod = schema.safeParse(value);
      assert.deepStrictEqual(readShape(shape, value), zod.success ? zod.data : undefined);
    };
    fc.assert(fc.property(fitting(shape), agree), { numRuns: 3000 });
    fc.assert(fc.property(fitting(shape).chain(mutated), agree), { numRuns: 3000 });
  });
});

describe('src/element/answer-shapes.ts', () => {
  test('is what scripts/answer-shapes.ts generates from the schemas today (else run `npm run generate`)', async () => {
    assert.equal(readFileSync(answerShapesFile, 'utf8'), await answerShapesSource());
  });

  test('the generator refuses a construct readShape cannot check, naming where it is', async () => {
    const z = await import('zod/mini');
    assert.throws(
      () => describeSchema(z.object({ when: z.date() }) as never, 'answer'),
      /answer\.when uses z\.date\(\)/,
    );
    assert.throws(() => describeSchema(z.string().check(z.regex(/x/)) as never), /the check string_format/);
  });
});
