import { kg } from '../scale/kg';
import { LabelInputError, labelSymbols, type LabelSymbols } from './symbols';

/**
 * A ZPL II label for a container, from a template. Pure: no I/O, no clock (the time is an input).
 *
 * A template is the body of one format: the renderer adds `^XA`, `^CI28` (UTF-8 field data), a
 * `^FX` comment with the job id, and `^XZ`. Placeholders stand for **whole fields**: put one where
 * a field's data would start, after its `^FO` (and font, or `^BY`), e.g. `^FO40,40^A0N,40,40{{type}}`.
 * A text placeholder becomes `^FH_^FD<data>^FS`; `{{code128}}` and `{{datamatrix}}` become the
 * barcode command and its field. Field data is always hex-escaped, so no packer name or container
 * type can end a field, start a command or reach the printer's control prefix.
 */

export const PLACEHOLDERS = ['code', 'code128', 'datamatrix', 'type', 'children', 'weight', 'station', 'packer', 'time', 'job'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const BARCODES: ReadonlySet<Placeholder> = new Set(['code128', 'datamatrix']);

export interface LabelInput {
  /** The print job's id: a `^FX` comment and, with `{{job}}`, printed small, so a person can tell two tries apart. */
  jobId: string;
  containerCode: string;
  containerType: string;
  childCount: number;
  /** Grams, or null when the container was not weighed. */
  weightGrams: number | null;
  stationId: string;
  /** The packer's name as it should appear on the label. */
  packer: string;
  /** When the label was requested (device time). */
  at: Date;
}

export interface RenderOptions {
  /** The template body; default: `DEFAULT_TEMPLATE`. */
  template?: string;
  /** IANA zone for the printed time (default: the machine's own). */
  timeZone?: string;
  /** Code 128 bar height in dots. */
  code128Height?: number;
  /** DataMatrix module size in dots. */
  dataMatrixModule?: number;
}

/** 4 × 4 in at 203 dpi (812 × 812 dots). */
export const DEFAULT_TEMPLATE = [
  '^PW812^LL812^LH0,0',
  '^FO40,30^A0N,50,50{{type}}',
  '^FO40,100^A0N,30,30^FDChildren^FS^FO240,100^A0N,30,30{{children}}',
  '^FO40,140^A0N,30,30^FDWeight^FS^FO240,140^A0N,30,30{{weight}}',
  '^FO560,30{{datamatrix}}',
  '^FO40,260^BY3{{code128}}',
  '^FO40,420^A0N,34,34{{code}}',
  '^FO40,500^A0N,26,26^FDStation^FS^FO240,500^A0N,26,26{{station}}',
  '^FO40,536^A0N,26,26^FDPacker^FS^FO240,536^A0N,26,26{{packer}}',
  '^FO40,572^A0N,26,26^FDTime^FS^FO240,572^A0N,26,26{{time}}',
  '^FO40,760^A0N,20,20{{job}}',
].join('\n');

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const JOB_ID = /^[0-9A-Za-z-]{1,64}$/;
const utf8 = new TextEncoder();

/**
 * Field data for `^FH<indicator>`: `^`, `~`, the indicator itself, control characters and anything
 * beyond ASCII as `<indicator>XX` hex bytes (UTF-8, which `^CI28` tells the printer to expect).
 */
export function fieldHex(text: string, indicator = '_'): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f && char !== '^' && char !== '~' && char !== indicator) out += char;
    else for (const byte of utf8.encode(char)) out += `${indicator}${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function textField(text: string): string {
  return `^FH_^FD${fieldHex(text)}^FS`;
}

/**
 * Code 128 without a mode (`^BC…,N`), so the data says exactly what is encoded: an SSCC is `>;`
 * (start C) `>8` (FNC1) `00` + 18 digits, i.e. GS1-128; other text is `>:` (start B) with each `>`
 * written `><`. The interpretation line is off: `{{code}}` prints the text as the template wants.
 */
export function code128Field(symbols: LabelSymbols, heightDots = 120): string {
  if (symbols.kind === 'sscc') return `^BCN,${heightDots},N,N,N^FD>;>800${symbols.sscc}^FS`;
  return `^BCN,${heightDots},N,N,N^FH_^FD>:${fieldHex(symbols.text.replaceAll('>', '><'))}^FS`;
}

/**
 * DataMatrix ECC 200 with its escape character set explicitly to `_` (parameter g: firmware
 * defaults differ, `_` or `~`): `_1` is FNC1 and a literal `_` is `__`. An SSCC is `_1` + `00` +
 * 18 digits, i.e. GS1 DataMatrix. `^FH\` (not `_`) hex-escapes the rest, so the printer's hex pass,
 * which runs before the escape pass, never eats an escape sequence.
 */
export function dataMatrixField(symbols: LabelSymbols, moduleDots = 8): string {
  const data = symbols.kind === 'sscc' ? `_100${symbols.sscc}` : fieldHex(symbols.text.replaceAll('_', '__'), '\\');
  return `^BXN,${moduleDots},200,,,,_^FH\\^FD${data}^FS`;
}

export function formatWeight(grams: number | null): string {
  return grams === null ? 'not weighed' : kg(grams);
}

/** `YYYY-MM-DD HH:MM` in the zone (the label is read by people at the station). */
export function formatTime(at: Date, timeZone?: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** What is wrong with a template, in words; empty when it is fine. Used by the config schema too. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`unknown placeholder {{${name}}} (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
      continue;
    }
    seen.add(name);
    const before = template.slice(0, match.index);
    const command = /\^([A-Z@][A-Z0-9]?)[^^]*$/.exec(before)?.[1];
    if (command === 'FD' || command === 'FH' || command === 'FV') problems.push(`{{${name}}} stands for a whole field (it brings its own ^FD…^FS): put it after ^FO and the font, not inside ^${command}`);
    if (BARCODES.has(name as Placeholder) && command?.startsWith('B') && command !== 'BY') problems.push(`{{${name}}} brings its own barcode command: remove the ^${command} before it`);
  }
  if (/\{\{|\}\}/.test(template.replace(PLACEHOLDER, ''))) problems.push('a placeholder is not closed: write {{name}}');
  if (!seen.has('code128') && !seen.has('datamatrix')) problems.push('the template carries no code: put {{code128}} or {{datamatrix}} in it');
  if (/\^X[AZ]/i.test(template)) problems.push('leave out ^XA and ^XZ: each label gets its own');
  // The escaping relies on ^ and ~ as prefixes, ',' as delimiter and UTF-8 (^CI28): a template keeps them.
  for (const command of new Set(template.match(/\^C[CDTI]/gi) ?? [])) problems.push(`a template cannot change the prefixes, delimiter or encoding (${command.toUpperCase()})`);
  // A control command (~JA cancel all, ~JR reset, ~HS …) acts the moment it arrives, even inside a format.
  if (template.includes('~')) problems.push('a template cannot contain ~ (control commands act at once on the printer)');
  return problems;
}

/** The ZPL of one label. Throws `LabelInputError` for input no label can carry. */
export function renderLabel(input: LabelInput, options: RenderOptions = {}): string {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const problems = templateProblems(template);
  if (problems.length > 0) throw new LabelInputError(`the label template is not usable: ${problems.join('; ')}`);
  if (!JOB_ID.test(input.jobId)) throw new LabelInputError(`the job id "${input.jobId}" is not an id (letters, digits and -)`);
  if (!Number.isInteger(input.childCount) || input.childCount < 0) throw new LabelInputError(`the child count ${input.childCount} is not a whole number of children`);
  if (input.weightGrams !== null && !(Number.isFinite(input.weightGrams) && input.weightGrams >= 0)) throw new LabelInputError(`the weight ${input.weightGrams} g is not a weight`);
  if (Number.isNaN(input.at.getTime())) throw new LabelInputError('the label time is not a valid date');
  const symbols = labelSymbols(input.containerCode);
  const fields: Record<Placeholder, () => string> = {
    code: () => textField(symbols.humanReadable),
    code128: () => code128Field(symbols, options.code128Height),
    datamatrix: () => dataMatrixField(symbols, options.dataMatrixModule),
    type: () => textField(input.containerType),
    children: () => textField(String(input.childCount)),
    weight: () => textField(formatWeight(input.weightGrams)),
    station: () => textField(input.stationId),
    packer: () => textField(input.packer),
    time: () => textField(formatTime(input.at, options.timeZone)),
    job: () => textField(`job ${input.jobId}`),
  };
  const body = template.replace(PLACEHOLDER, (_all, name: Placeholder) => fields[name]());
  return ['^XA', '^CI28', `^FXscan-station label, job ${input.jobId}`, body, '^XZ', ''].join('\n');
}

/** The job id in a label's `^FX` comment (e.g. to tell spool files or captured ZPL apart). */
export function jobIdOf(zpl: string): string | undefined {
  return /\^FXscan-station label, job ([0-9A-Za-z-]+)/.exec(zpl)?.[1];
}
