/**
 * Readers that parse a value exactly as a zod schema does (same verdict, same output: unknown keys dropped, an
 * optional key absent stays absent), built from these combinators. The browser bundle reads the proxy's answers
 * with them instead of zod/mini, which would be a third of the bundle: scripts/answer-shapes.ts generates the
 * readers of src/element/answer-shapes.ts from the contract's schemas, and a property test compares them with zod.
 *
 * Only what the contract's answers use, to keep the bundle small: the generator refuses any other construct (a
 * union, a length check…), naming it, so whoever adds one to the contract adds its combinator here.
 */
export type Reader = (value: unknown) => unknown;

/** Thrown (and caught by `readWith`) at the first mismatch. */
const MISMATCH = {};
const fail = (): never => {
  throw MISMATCH;
};
const is =
  (test: (value: unknown) => boolean): Reader =>
  (value) =>
    test(value) ? value : fail();

export const string = is((value) => typeof value === 'string');
/** Finite, as zod's numbers are. */
export const number = is(Number.isFinite);
export const boolean = is((value) => typeof value === 'boolean');
/** zod's `int()`: a safe integer. */
export const int = is(Number.isSafeInteger);
/** One of these values (an enum, a literal). */
export const oneOf = (...values: unknown[]): Reader => is((value) => values.includes(value));
export const optional =
  (read: Reader): Reader =>
  (value) =>
    value === undefined ? value : read(value);
export const nullable =
  (read: Reader): Reader =>
  (value) =>
    value === null ? value : read(value);
/** Array.from, not map: a hole in the array is read as undefined, as zod reads it. */
export const array =
  (read: Reader): Reader =>
  (value) =>
    Array.isArray(value) ? Array.from(value, read) : fail();
/** At least `bound` (zod's `gte`, `minimum`, `nonnegative`). */
export const atLeast =
  (read: Reader, bound: number): Reader =>
  (value) =>
    (read(value) as number) >= bound ? value : fail();
export const object =
  (shape: Record<string, Reader>): Reader =>
  (value) => {
    if (typeof value !== 'object' || !value || Array.isArray(value)) fail();
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const parsed = shape[key]!(input[key]);
      if (parsed !== undefined || key in input) out[key] = parsed;
    }
    return out;
  };

/** `value` as the schema `read` was made from parses it, or undefined when the schema refuses it. */
export function readWith<T>(read: Reader, value: unknown): T | undefined {
  try {
    return read(value) as T;
  } catch (error) {
    if (error === MISMATCH) return undefined;
    throw error;
  }
}
