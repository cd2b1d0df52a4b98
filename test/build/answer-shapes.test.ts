// The browser reads the proxy's answers with readers generated from the contract's schemas
// (src/element/answer-shapes.ts, built from read-shape.ts's combinators) instead of zod: proven here to say what
// zod says, on answers generated from the schemas and on mutations of them, and the generated file proven to be
// what the schemas give today.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as z from 'zod/mini';
import {
  CreateLinkResponseSchema,
  LinkStatusResponseSchema,
  LinkStatusReadSchema,
  ProxyErrorResponseSchema,
  ProxyRefusalSchema,
} from '../../src/contract/proxy-api.js';
import * as generated from '../../src/element/answer-shapes.js';
import { readWith, type Reader } from '../../src/element/read-shape.js';
import { answerShapesFile, answerShapesSource, describeSchema } from '../../scripts/answer-shapes.js';

/** Any JSON-like value, with the odd numbers JSON cannot carry but a reader must refuse. */
const anything = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, NaN, Infinity, -Infinity, 2 ** 53, -0, 1.5, [], {}, null),
);

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  entries?: Record<string, unknown>;
  values?: unknown[];
  format?: string;
  checks?: { _zod: { def: { check: string; value?: number } } }[];
}

/** A value the zod schema mostly accepts, with the edge values of each kind, generated from the schema itself. */
function fitting(schema: { _zod: { def: Def } }): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  const bound = def.checks?.find((c) => c._zod.def.check === 'greater_than')?._zod.def.value;
  if (bound !== undefined)
    return fc.oneof(
      fc.constantFrom(bound - 1, bound, bound + 1),
      fitting({ _zod: { def: { ...def, checks: [] } } }),
    );
  switch (def.type) {
    case 'string':
      return fc.oneof(fc.string(), fc.constantFrom('', 'pending', 'EMPLOYED'));
    case 'number':
      return def.format
        ? fc.oneof(fc.integer({ min: -3, max: 5 }), fc.maxSafeInteger(), fc.constant(1.5))
        : fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'optional':
      return fc.oneof(fc.constant(undefined), fitting(def.innerType!));
    case 'nullable':
      return fc.oneof(fc.constant(null), fitting(def.innerType!));
    case 'array':
      return fc.array(fitting(def.element!), { maxLength: 3 });
    case 'object': {
      const entries = Object.entries(def.shape!);
      // Optional keys absent, present as undefined, or present with a value.
      return fc.record(Object.fromEntries(entries.map(([key, inner]) => [key, fitting(inner)])), {
        requiredKeys: entries.filter(([, inner]) => inner._zod.def.type !== 'optional').map(([key]) => key),
      });
    }
    default:
      throw new Error(`no arbitrary for ${def.type}`);
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

/** Runs `reader` and the schema on generated values, mutations of them and any value: they must agree. */
function compare(schema: z.ZodMiniType, reader: Reader, runs: number): void {
  const agree = (value: unknown) => {
    const zod = schema.safeParse(value);
    assert.deepStrictEqual(readWith(reader, value), zod.success ? zod.data : undefined);
  };
  const base = fitting(schema as never);
  fc.assert(fc.property(base, agree), { numRuns: runs });
  fc.assert(fc.property(base.chain(mutated), agree), { numRuns: runs * 2 });
  fc.assert(fc.property(anything, agree), { numRuns: runs / 2 });
}

describe('the generated readers read the proxy answers exactly as the contract schemas do', () => {
  const answers = [
    ['createLinkResponse', CreateLinkResponseSchema],
    ['linkStatusRead', LinkStatusReadSchema],
    ['proxyRefusal', ProxyRefusalSchema],
  ] as const;
  for (const [name, schema] of answers) {
    test(`${name}: generated answers, mutations of them, and any JSON value`, () => {
      compare(schema, generated[name], 3000);
    });
  }
});

test('every status the proxy answers is one the element reads, with the same status, step, summary and error code', () => {
  fc.assert(
    fc.property(fitting(LinkStatusResponseSchema as never), (answer) => {
      const full = LinkStatusResponseSchema.safeParse(answer);
      fc.pre(full.success);
      const read = LinkStatusReadSchema.safeParse(answer);
      assert.ok(full.success && read.success);
      assert.deepStrictEqual(
        [
          read.data.status,
          read.data.step,
          read.data.summary,
          read.data.error?.code,
          read.data.error?.attemptsLeft,
        ],
        [
          full.data.status,
          full.data.step,
          full.data.summary,
          full.data.error?.code,
          full.data.error?.attemptsLeft,
        ],
      );
    }),
    { numRuns: 1000 },
  );
});

test('every answer the proxy may refuse with is a refusal the element reads, with the same code, reason and checks left', () => {
  fc.assert(
    fc.property(fitting(ProxyErrorResponseSchema as never), (answer) => {
      const full = ProxyErrorResponseSchema.safeParse(answer);
      fc.pre(full.success); // the generator's values fit the schema's shape, not always its checks
      const read = ProxyRefusalSchema.safeParse(answer);
      assert.ok(full.success && read.success);
      const { code, reason, attemptsLeft } = full.data.error;
      const { error } = read.data;
      assert.deepStrictEqual(
        { code: error.code, reason: error.reason, attemptsLeft: error.attemptsLeft },
        { code, reason, attemptsLeft },
      );
    }),
    { numRuns: 2000 },
  );
});

describe('describeSchema', () => {
  test('describes every construct it knows as zod reads it', () => {
    const schema = z.object({
      s: z.string(),
      n: z.nullable(z.number().check(z.gte(-1))),
      i: z.optional(z.int().check(z.nonnegative())),
      b: z.boolean(),
      l: z.literal('v1'),
      e: z.array(z.object({ k: z.enum(['a', 'b']), o: z.optional(z.nullable(z.string())) })),
      a: z.array(z.array(z.number())),
    });
    compare(schema, describeSchema(schema as never).reader, 2000);
  });

  test('refuses a construct read-shape.ts cannot check, naming where it is', () => {
    assert.throws(
      () => describeSchema(z.object({ when: z.date() }) as never, 'answer'),
      /answer\.when uses z\.date\(\)/,
    );
    assert.throws(() => describeSchema(z.string().check(z.regex(/x/)) as never), /the check string_format/);
    assert.throws(() => describeSchema(z.union([z.string(), z.number()]) as never), /z\.union\(\)/);
    assert.throws(() => describeSchema(z.number().check(z.gt(0)) as never), /greater_than \(exclusive\)/);
  });
});

describe('src/element/answer-shapes.ts', () => {
  test('is what scripts/answer-shapes.ts generates from the schemas today (else run `npm run generate`)', async () => {
    assert.equal(readFileSync(answerShapesFile, 'utf8'), await answerShapesSource());
  });
});
