import { z } from 'zod';
import { altCodeChar, controlCode, GS } from './keyboard/control-chars';

/**
 * Keyboard-wedge detection in the page: a scanner types far faster and more evenly than a person.
 * Imported by the renderer, so no Node built-ins here.
 */
export const WedgeOptions = z.object({
  /** A burst counts as a scan when its average time per key is at most this. */
  maxAvgMsPerChar: z.number().min(1).max(500).default(30),
  /** Shorter bursts are typing, not scans. */
  minLength: z.number().int().min(1).max(4096).default(4),
  /** A pause longer than this between keys ends the burst. */
  maxGapMs: z.number().int().min(10).max(5000).default(100),
  /** `KeyboardEvent.key` (or `.code`) values that end a scan. Empty: the pause ends it (`flush`). */
  suffixKeys: z.array(z.string().min(1)).default(['Enter']),
  /** Keys a scanner sends before the data (e.g. `F12`). When set, only bursts after one count, whatever their speed. */
  prefixKeys: z.array(z.string().min(1)).default([]),
  maxLength: z.number().int().min(1).max(65536).default(4096),
}).strict();
export type WedgeOptions = z.infer<typeof WedgeOptions>;

/** The fields of a DOM KeyboardEvent the detector needs, plus its time (`event.timeStamp` or `performance.now()`). */
export interface WedgeKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  time: number;
  /** Defaults to keydown. Key-ups matter only for Alt (ending an Alt + numpad code). */
  type?: 'keydown' | 'keyup';
}

/** `swallow`: the key belongs to a scan, so call preventDefault(). `pass`: leave it to the page. */
export type WedgeResult = { kind: 'scan'; text: string; firstAt: number; lastAt: number } | { kind: 'pass' } | { kind: 'swallow' };

const PASS: WedgeResult = { kind: 'pass' };
const SWALLOW: WedgeResult = { kind: 'swallow' };
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);
const NUMPAD_DIGIT = /^Numpad([0-9])$/;

export class WedgeDetector {
  private readonly opts: WedgeOptions;
  private text = '';
  private chars = 0;
  private firstAt = 0;
  private lastAt = 0;
  private armed = false;
  private altDigits = '';

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.opts = WedgeOptions.parse(opts);
  }

  key(ev: WedgeKey): WedgeResult {
    if (ev.type === 'keyup') {
      if (ev.key === 'Alt' && this.altDigits) { this.finishAltCode(ev.time); return SWALLOW; }
      return PASS;
    }
    const stale = this.chars > 0 && ev.time - this.lastAt > this.opts.maxGapMs ? this.flush(ev.time) : null;
    const result = this.keydown(ev);
    // A pause ended a suffix-less scan just before this key: report the scan; the key starts the next burst.
    return stale ?? result;
  }

  /** Call when `deadline()` passes: ends a burst that had no suffix key. */
  flush(time: number): Extract<WedgeResult, { kind: 'scan' }> | null {
    if (this.chars === 0 || time - this.lastAt <= this.opts.maxGapMs) return null;
    const scan = this.opts.suffixKeys.length === 0 && this.qualifies(this.lastAt) ? this.scan() : null;
    this.reset();
    return scan;
  }

  /** When to call `flush`, or null when no burst is under way. */
  deadline(): number | null {
    return this.chars === 0 ? null : this.lastAt + this.opts.maxGapMs + 1;
  }

  private keydown(ev: WedgeKey): WedgeResult {
    if (this.altDigits && !ev.altKey) this.finishAltCode(ev.time);
    if (MODIFIERS.has(ev.key)) return this.chars > 0 || this.armed ? SWALLOW : PASS;
    if (this.matches(this.opts.prefixKeys, ev)) { this.reset(); this.armed = true; return SWALLOW; }
    if (this.matches(this.opts.suffixKeys, ev)) {
      if (this.chars > 0 && this.qualifies(ev.time)) { const scan = this.scan(); this.reset(); return scan; }
      this.reset();
      return PASS;
    }
    if (this.opts.prefixKeys.length > 0 && !this.armed) return PASS;
    if (ev.altKey && !ev.ctrlKey) {
      const digit = NUMPAD_DIGIT.exec(ev.code);
      if (digit) { this.touch(ev.time); this.altDigits += digit[1]; return SWALLOW; }
      this.reset();
      return PASS; // an Alt shortcut
    }
    const char = this.charOf(ev);
    if (char === null) { this.reset(); return PASS; } // arrows, F-keys, Ctrl shortcuts: a person
    this.add(char, ev.time);
    return SWALLOW;
  }

  private charOf(ev: WedgeKey): string | null {
    if (ev.ctrlKey && !ev.altKey) {
      if (ev.code === 'BracketRight' || ev.key === ']') return GS;
      // Other Ctrl combinations are a person's shortcuts unless a scan is already under way.
      return this.chars > 0 ? controlCode(ev.key) : null;
    }
    if (ev.key === 'Tab') return '\t';
    return [...ev.key].length === 1 ? ev.key : null;
  }

  private matches(keys: readonly string[], ev: WedgeKey): boolean {
    return keys.length > 0 && (keys.includes(ev.key) || keys.includes(ev.code));
  }

  private finishAltCode(time: number): void {
    const char = altCodeChar(this.altDigits);
    this.altDigits = '';
    if (char !== null) this.add(char, time);
  }

  private touch(time: number): void {
    if (this.chars === 0 && !this.altDigits) this.firstAt = time;
    this.lastAt = time;
  }

  private add(char: string, time: number): void {
    if (this.chars === 0) this.firstAt = time;
    this.lastAt = time;
    if (this.text.length + char.length > this.opts.maxLength) { this.reset(); return; }
    this.text += char;
    this.chars++;
  }

  /** Long enough, and fast enough (average over every key including the suffix) — or announced by a prefix key. */
  private qualifies(endAt: number): boolean {
    if (this.chars < this.opts.minLength) return false;
    if (this.armed) return true;
    return (endAt - this.firstAt) / this.chars <= this.opts.maxAvgMsPerChar;
  }

  private scan(): Extract<WedgeResult, { kind: 'scan' }> {
    return { kind: 'scan', text: this.text, firstAt: this.firstAt, lastAt: this.lastAt };
  }

  private reset(): void {
    this.text = '';
    this.chars = 0;
    this.armed = false;
    this.altDigits = '';
  }
}
