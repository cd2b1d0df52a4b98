import type * as z from 'zod/mini';

/**
 * What the sandbox sends for one of the contract's Belvo schemas (src/contract/belvo.ts): every field the contract
 * reads, as the schema accepts it, and any of the other fields Belvo sends. Each object is built with
 * `satisfies AsBelvoSends<typeof …Schema>`, so the sandbox cannot drift from the contract the proxy parses with.
 */
export type AsBelvoSends<Schema extends z.ZodMiniType> = z.input<Schema> & Record<string, unknown>;
