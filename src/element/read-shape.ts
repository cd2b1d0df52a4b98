/**
 * A compact description of a zod schema, and the reader that parses a value with it exactly as zod does (same
 * verdict, same output: unknown keys dropped, an optional key absent stays absent). The browser bundle reads the
 * proxy's answers with these instead of zod/mini, which would be a third of the bundle; the descriptions are
 * generated from the contract's schemas (scripts/answer-shapes.ts), and a property test compares both readers.
 *
 *   0 string · 1 finite number · 2 boolean · 3 safe integer
 *   { key: Shape }         object (unknown keys dropped)
 *   ['e', ...values]       one of these values (enum, literal)
 *   ['?', Shape]           optional · ['n', Shape] nullable · ['a', Shape] array · ['u', ...Shape[]] union
 *   ['>=' | '>' | '<=' | '<', Shape, n]   a number check · ['min' | 'max', Shape, n]  a length check
 */
export type Shape = 0 | 1 | 2 | 3 | readonly [string, ...unknown[]] | { readonly [key: string]: Shape };

/** Thrown (and caught by `readShape`) at the first mismatch. */
const MISMATCH = {};

function read(shape: Shape, value: unknown): unknown {
  const fail = () => {
    throw MISMATCH;
  };
  if (typeof shape === 'number') {
    if (
      shape === 0
        ? typeof value !== 'string'
        : shape === 2
          ? typeof value !== 'boolean'
          : !(shape === 1 ? Number.isFinite : Number.isSafeInteger)(value)
    )
      fail();
    return value;
  }
  if (!Array.isArray(shape)) {
    if (typeof value !== 'object' || !value || Array.isArray(value)) fail();
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const parsed = read((shape as Record<string, Shape>)[key]!, input[key]);
      if (parsed !== undefined || key in input) out[key] = parsed;
    }
    return out;
  }
  const [kind, inner, bound] = shape as [string, Shape, number];
  switch (kind) {
    case 'e':
      return shape.includes(value, 1) ? value : fail();
    case '?':
      return value === undefined ? value : read(inner, value);
    case 'n':
      return value === null ? value : read(inner, value);
    case 'a':
      return Array.isArray(value) ? Array.from(value, (item) => read(inner, item)) : fail();
    case 'u':
      for (const option of shape.slice(1) as Shape[]) {
        try {
          return read(option, value);
        } catch {
          // the next option
        }
      }
      return fail();
  }
  const parsed = read(inner, value) as number & { length: number };
  const measured = kind === 'min' || kind === 'max' ? parsed.length : parsed;
  const ok =
    kind === '>='
      ? measured >= bound
      : kind === '>'
        ? measured > bound
        : kind === '<='
          ? measured <= bound
          : kind === '<'
            ? measured < bound
            : kind === 'min'
              ? measured >= bound
              : measured <= bound;
  return ok ? parsed : fail();
}

/** `value` as the schema described by `shape` parses it, or undefined when the schema refuses it. */
export function readShape<T>(shape: Shape, value: unknown): T | undefined {
  try {
    return read(shape, value) as T;
  } catch (error) {
    if (error === MISMATCH) return undefined;
    throw error;
  }
}
