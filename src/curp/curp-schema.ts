import * as z from 'zod/mini';
import { parseCurp } from './parse-curp.js';

/**
 * A CURP field in a zod contract. Parses to the normalised CURP. A refused CURP yields one custom issue whose
 * message is the parseCurp reason code (e.g. `checksum`), never a sentence: the view translates codes into the
 * person's language.
 */
export const CurpSchema = z.pipe(
  z.string(),
  z.transform((input: string, payload) => {
    const result = parseCurp(input);
    if (result.valid) return result.curp;
    payload.issues.push({ code: 'custom', message: result.reason, input });
    return z.NEVER;
  }),
);
