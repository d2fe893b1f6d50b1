import { z } from 'zod';
import { CodeClass } from '../api';
import { KNOWN_SYMBOLOGIES } from './aim';
import { aiDef } from './gs1/dictionary';

/** Symbology allow-list entry for scans that carry no AIM identifier (keyboard wedge, demo, plain serial). */
export const NO_SYMBOLOGY = 'none';

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A regular expression held as a string in config; a bad one fails validation naming its field. */
function regex(field: string) {
  return z.string().superRefine((pattern, ctx) => {
    const problem = regexProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: `scanRules.${field} is not a valid regular expression: ${problem}` });
  });
}

const AiCode = z.string().regex(/^\d{2,4}$/, 'a GS1 AI is 2 to 4 digits').refine((ai) => aiDef(ai) !== null, {
  message: 'not a GS1 AI this station knows (see src/scan/data/gs1-ai.json)',
});

/** "Code class by GS1 AI": a scan whose GS1 data carries `ai` (and whose value matches `pattern`, if set). */
export const Gs1ClassRule = z.object({
  ai: AiCode,
  class: CodeClass.exclude(['unknown']),
  pattern: regex('gs1Classes[].pattern').optional(),
}).strict();
export type Gs1ClassRule = z.infer<typeof Gs1ClassRule>;

/** Per-station scan rules, DataWedge style. Every field has a default, so `{}` is valid. */
export const ScanRules = z.object({
  /** Regexes tested against the decoded text (after AIM id and prefix/suffix are removed). */
  codeClasses: z.object({
    parent: regex('codeClasses.parent').default('^P-[0-9A-Z]{3,20}$'),
    child: regex('codeClasses.child').default('^C-[0-9A-Z]{3,20}$'),
    badge: regex('codeClasses.badge').default('^B-[0-9A-Z]{3,20}$'),
    /** A capture group, if any, is the command name; otherwise the text after the first ':'. */
    command: regex('codeClasses.command').default('^CMD:[A-Z_]+$'),
  }).strict().prefault({}),
  /** Classes by GS1 AI, tried (in order) before the regexes, e.g. `{ ai: '00', class: 'parent' }`. */
  gs1Classes: z.array(Gs1ClassRule).default([]),
  /** Removed from the decoded text when present (after the AIM id). */
  stripPrefix: z.string().default(''),
  stripSuffix: z.string().default(''),
  /** Symbology allow-list by id (`gs1-128`, `ean-13`, `qr` … or `none` for scans without an AIM id). Empty: all allowed. */
  symbologies: z.array(z.string().refine((s) => s === NO_SYMBOLOGY || KNOWN_SYMBOLOGIES.has(s), {
    message: `unknown symbology id; known: ${[...KNOWN_SYMBOLOGIES].sort().join(', ')}, ${NO_SYMBOLOGY}`,
  })).default([]),
  /** The same code again within this many ms is suppressed as a double read. 0 turns it off. */
  duplicateWindowMs: z.number().int().min(0).max(60_000).default(0),
}).strict();
export type ScanRules = z.infer<typeof ScanRules>;
