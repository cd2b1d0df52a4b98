// Generates src/element/answer-shapes.ts: the proxy's answer schemas of src/contract, described for readShape
// (src/element/read-shape.ts), which parses with them in the browser as zod does, without zod's weight.
// Run by `npm run generate` (and by `npm run build`); test/build/answer-shapes.test.ts fails when the file is stale.
// A zod construct it cannot describe fails the generation, naming it, rather than describing it loosely.
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { fileURLToPath } from 'node:url';
import {
  CreateLinkResponseSchema,
  LinkStatusReadSchema,
  ProxyRefusalSchema,
} from '../src/contract/proxy-api.js';
import * as read from '../src/element/read-shape.js';
import type { Reader } from '../src/element/read-shape.js';

interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, unknown>;
  values?: unknown[];
  format?: string;
}
interface Check {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
}
interface Schema {
  _zod: { def: Def };
}

/** A reader of src/element/read-shape.ts for a schema: as source code, and as a function. */
export interface Described {
  code: string;
  reader: Reader;
}

/**
 * Describes a zod (mini or classic) schema with the combinators of read-shape.ts. An object schema used in more than
 * one place (a job, in `jobs` and `currentJobs`) is described once in `shared`, when given, and named there.
 */
export function describeSchema(
  schema: Schema,
  path = 'schema',
  shared?: Map<Schema, Described & { name: string }>,
): Described {
  const def = schema._zod.def;
  const unsupported = (what: string): never => {
    throw new Error(`describeSchema: ${path} uses ${what}, which read-shape.ts cannot check yet`);
  };
  const named = shared?.get(schema);
  if (named) return { code: named.name, reader: named.reader };
  const inner = (child: Schema, at = path) => describeSchema(child, at, shared);
  const call = (name: keyof typeof read, args: Described[], values: unknown[] = []): Described => ({
    code: `${name}(${[...args.map((arg) => arg.code), ...values.map((value) => JSON.stringify(value))].join(', ')})`,
    reader: (read[name] as (...args: unknown[]) => Reader)(...args.map((arg) => arg.reader), ...values),
  });
  let described: Described;
  switch (def.type) {
    case 'string':
      described = { code: 'string', reader: read.string };
      break;
    case 'number':
      if (def.format && def.format !== 'safeint') unsupported(`number format ${def.format}`);
      described = def.format ? { code: 'int', reader: read.int } : { code: 'number', reader: read.number };
      break;
    case 'boolean':
      described = { code: 'boolean', reader: read.boolean };
      break;
    case 'enum':
      described = call('oneOf', [], Object.values(def.entries!));
      break;
    case 'literal':
      described = call('oneOf', [], def.values!);
      break;
    case 'optional':
      described = call('optional', [inner(def.innerType!)]);
      break;
    case 'nullable':
      described = call('nullable', [inner(def.innerType!)]);
      break;
    case 'array':
      described = call('array', [inner(def.element!, `${path}[]`)]);
      break;
    case 'object': {
      const entries = Object.entries(def.shape!).map(
        ([key, value]) => [key, inner(value, `${path}.${key}`)] as const,
      );
      described = {
        code: `object({ ${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value.code}`).join(', ')} })`,
        reader: read.object(Object.fromEntries(entries.map(([key, value]) => [key, value.reader]))),
      };
      break;
    }
    default:
      return unsupported(`z.${def.type}()`);
  }
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'greater_than' && check.inclusive)
      described = call('atLeast', [described], [check.value]);
    // z.int() is a number schema that is also its own format check: described above as int.
    else if (!(check.check === 'number_format' && check.format === 'safeint'))
      unsupported(`the check ${check.check}${check.inclusive === false ? ' (exclusive)' : ''}`);
  }
  return described;
}

/** The object schemas found more than once inside `schemas`. */
function repeated(schemas: Schema[]): Schema[] {
  const seen = new Map<Schema, number>();
  const walk = (schema: Schema) => {
    const def = schema._zod.def;
    if (def.type === 'object') {
      seen.set(schema, (seen.get(schema) ?? 0) + 1);
      if (seen.get(schema)! > 1) return;
    }
    for (const child of [def.innerType, def.element, ...Object.values(def.shape ?? {})])
      if (child) walk(child);
  };
  schemas.forEach(walk);
  return [...seen].filter(([, count]) => count > 1).map(([schema]) => schema);
}

const answers = {
  createLinkResponse: CreateLinkResponseSchema,
  linkStatusRead: LinkStatusReadSchema,
  proxyRefusal: ProxyRefusalSchema,
} as unknown as Record<string, Schema>;

/** The source of src/element/answer-shapes.ts, formatted as the repository's other sources are. */
export async function answerShapesSource(): Promise<string> {
  const shared = new Map<Schema, Described & { name: string }>();
  const lines: string[] = [];
  repeated(Object.values(answers)).forEach((schema, i) => {
    const described = describeSchema(schema, `shared${i}`, shared);
    shared.set(schema, { ...described, name: `shared${i}` });
    lines.push(`const shared${i} = ${described.code};`);
  });
  for (const [name, schema] of Object.entries(answers))
    lines.push(`export const ${name}: Reader = ${describeSchema(schema, name, shared).code};`);
  const used = Object.keys(read).filter(
    (name) => name !== 'readWith' && lines.some((line) => new RegExp(`\\b${name}\\b`).test(line)),
  );
  const source = [
    '// Generated by scripts/answer-shapes.ts from the schemas of src/contract/proxy-api.ts: do not edit, run',
    '// `npm run generate`. The readers of the proxy answers the element reads.',
    `import { ${used.join(', ')}, type Reader } from './read-shape.js';`,
    '',
    ...lines,
    '',
  ].join('\n');
  return format(source, { ...(await resolveConfig(answerShapesFile)), filepath: answerShapesFile });
}

export const answerShapesFile = fileURLToPath(new URL('../src/element/answer-shapes.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(answerShapesFile, await answerShapesSource());
  console.log(`wrote ${answerShapesFile}`);
}
