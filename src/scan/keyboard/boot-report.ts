import { altCodeChar, controlCode, GS } from './control-chars';
import { composeDead, keyOutput, LAYOUTS, type Layout, type LayoutId } from './layouts';

/** What a key press means for scan data: a character, or a named key (suffixes, and keys that are not data). */
export type Keystroke = { kind: 'char'; char: string } | { kind: 'key'; name: string };

export interface BootKeyboardOptions {
  layout: LayoutId;
  /** Honeywell scanners can send GS as the F8 key. */
  f8AsGs?: boolean;
  /** Whether reports start with a report id: 'auto' takes a 9-byte read as prefixed. */
  reportId?: 'auto' | 'prefixed' | 'none';
}

export type BootReportResult = { keystrokes: Keystroke[]; error: string | null };

const REPORT_LENGTH = 8;
const MOD_CTRL = 0x01 | 0x10;
const MOD_SHIFT = 0x02 | 0x20;
const MOD_LALT = 0x04;
const MOD_RALT = 0x40;
/** Keyboard usages (page 0x07). */
const KEY_ERROR_ROLLOVER = 0x01;
const KEY_ERROR_UNDEFINED = 0x03;
const KEY_ENTER = 0x28;
const KEY_ESCAPE = 0x29;
const KEY_BACKSPACE = 0x2a;
const KEY_TAB = 0x2b;
const KEY_CAPS_LOCK = 0x39;
const KEY_F1 = 0x3a;
const KEY_F8 = 0x41;
const KEY_F12 = 0x45;
const KEY_KP_ENTER = 0x58;
const KEY_KP_1 = 0x59;
const KEY_KP_0 = 0x62;

const NAMED: Record<number, string> = { [KEY_ENTER]: 'Enter', [KEY_KP_ENTER]: 'Enter', [KEY_ESCAPE]: 'Escape', [KEY_BACKSPACE]: 'Backspace', [KEY_TAB]: 'Tab' };

function keypadDigit(usage: number): string | null {
  if (usage === KEY_KP_0) return '0';
  return usage >= KEY_KP_1 && usage < KEY_KP_0 ? String(usage - KEY_KP_1 + 1) : null;
}

function isLetter(s: string): boolean {
  return s.toUpperCase() !== s.toLowerCase();
}

/**
 * Decodes USB HID boot-keyboard reports (modifiers, reserved, six key slots) into keystrokes: a key
 * counts when it appears in a report, so the same character twice needs a release in between, as on a
 * real keyboard. Handles Shift, Caps Lock, AltGr, dead keys, Ctrl + key control codes, Alt + numpad
 * codes and phantom (rollover) reports. Pure; never throws.
 */
export class BootKeyboardDecoder {
  private readonly layout: Layout;
  private readonly f8AsGs: boolean;
  private readonly reportId: 'auto' | 'prefixed' | 'none';
  private pressed = new Set<number>();
  private modifiers = 0;
  private capsLock = false;
  private altDigits = '';
  private deadAccent: string | null = null;

  constructor(opts: BootKeyboardOptions) {
    this.layout = LAYOUTS[opts.layout];
    this.f8AsGs = opts.f8AsGs ?? true;
    this.reportId = opts.reportId ?? 'auto';
  }

  report(data: Uint8Array): BootReportResult {
    const prefixed = this.reportId === 'prefixed' || (this.reportId === 'auto' && data.length === REPORT_LENGTH + 1);
    const r = prefixed ? data.subarray(1) : data;
    if (r.length !== REPORT_LENGTH) {
      return { keystrokes: [], error: `keyboard report of ${data.length} bytes; a boot-keyboard report has ${REPORT_LENGTH}${prefixed ? ' after its report id' : ''}` };
    }
    const keys = r.subarray(2);
    // Phantom state: too many keys down. The report says nothing about which; keep the last good state.
    for (const k of keys) if (k >= KEY_ERROR_ROLLOVER && k <= KEY_ERROR_UNDEFINED) return { keystrokes: [], error: null };
    const out: Keystroke[] = [];
    const mods = r[0]!;
    if ((this.modifiers & MOD_LALT) !== 0 && (mods & MOD_LALT) === 0) this.finishAltCode(out);
    this.modifiers = mods;
    const now = new Set<number>();
    for (const k of keys) {
      if (k === 0) continue;
      now.add(k);
      if (!this.pressed.has(k)) this.press(k, out);
    }
    this.pressed = now;
    return { keystrokes: out, error: null };
  }

  /** Forgets held keys and pending sequences (device lost). */
  reset(): void {
    this.pressed.clear();
    this.modifiers = 0;
    this.altDigits = '';
    this.deadAccent = null;
  }

  private finishAltCode(out: Keystroke[]): void {
    const char = altCodeChar(this.altDigits);
    this.altDigits = '';
    if (char !== null) this.emit(char, out);
  }

  private emit(char: string, out: Keystroke[]): void {
    if (this.deadAccent !== null) {
      const accent = this.deadAccent;
      this.deadAccent = null;
      out.push({ kind: 'char', char: composeDead(accent, char) });
      return;
    }
    out.push({ kind: 'char', char });
  }

  private press(usage: number, out: Keystroke[]): void {
    const mods = this.modifiers;
    const altGr = this.layout.altGr && (mods & MOD_RALT) !== 0;
    const alt = (mods & MOD_LALT) !== 0 || (!this.layout.altGr && (mods & MOD_RALT) !== 0);
    if (alt) {
      const digit = keypadDigit(usage);
      if (digit !== null) this.altDigits += digit;
      return; // Alt + other keys are shortcuts, not data
    }
    if (usage === KEY_CAPS_LOCK) { this.capsLock = !this.capsLock; return; }
    if (usage === KEY_F8 && this.f8AsGs) { this.emit(GS, out); return; }
    const named = NAMED[usage];
    if (named !== undefined) { out.push({ kind: 'key', name: named }); return; }
    if (usage >= KEY_F1 && usage <= KEY_F12) { out.push({ kind: 'key', name: `F${usage - KEY_F1 + 1}` }); return; }
    if ((mods & MOD_CTRL) !== 0) { this.control(usage, out); return; }
    const base = keyOutput(this.layout, usage, 0);
    const shift = (mods & MOD_SHIFT) !== 0;
    const caps = this.capsLock && base?.kind === 'char' && isLetter(base.char);
    const level = altGr ? 2 : shift !== caps ? 1 : 0;
    const key = keyOutput(this.layout, usage, level);
    if (key === null) { out.push({ kind: 'key', name: `usage 0x${usage.toString(16).padStart(2, '0')}` }); return; }
    if (key.kind === 'dead') {
      // Two dead keys in a row: the first is typed as itself.
      if (this.deadAccent !== null) out.push({ kind: 'char', char: this.deadAccent });
      this.deadAccent = key.accent;
      return;
    }
    this.emit(key.char, out);
  }

  /**
   * Ctrl + key: the control code of the key's character on this layout (Ctrl+A is 0x01 on AZERTY's A
   * key too), or else of the US key in that position, since scanners send Ctrl+] for GS by position.
   */
  private control(usage: number, out: Keystroke[]): void {
    const own = keyOutput(this.layout, usage, 0);
    const us = keyOutput(LAYOUTS.us, usage, 0);
    const code = (own?.kind === 'char' ? controlCode(own.char) : null) ?? (us?.kind === 'char' ? controlCode(us.char) : null);
    if (code !== null) out.push({ kind: 'char', char: code });
  }
}
