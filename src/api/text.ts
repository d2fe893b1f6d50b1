import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** U+2400 SYMBOL FOR NULL: how a NUL read from a scanner appears in an event and on screen. */
export const NUL_SYMBOL = '\u2400';

/**
 * Text every store the station writes to can hold. Central's jsonb refuses U+0000 (SQLSTATE 22P05)
 * and RFC 8785 canonical JSON (the hash chain) refuses lone surrogates, so an event carrying either
 * could be recorded here but never replicated or chained. A scanner's NUL becomes ␀ (the raw bytes of
 * a refused frame travel beside it as hex); a lone surrogate, which no decoder produces, becomes U+FFFD.
 */
export function storable(text: string): string {
  if (!text.includes('\u0000') && !LONE_SURROGATE.test(text)) return text;
  return text.replaceAll('\u0000', NUL_SYMBOL).replace(LONE_SURROGATES, '\uFFFD');
}

/** Free text from a screen (a name, a reason, a typed code): refused with words when a store could not hold it. */
export function cleanText(schema: z.ZodString = z.string()): z.ZodType<string> {
  return schema.refine((s) => storable(s) === s, 'must not contain NUL characters or broken UTF-16');
}
