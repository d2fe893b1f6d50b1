/**
 * Good and bad tones synthesised with WebAudio, so the kiosk needs no sound files. They differ in
 * pitch AND pattern (one short high chirp vs. three low buzzes), so they stay distinct for packers
 * who cannot tell pitches apart and on speakers that drop low notes.
 */
type Beep = { frequency: number; wave: OscillatorType; startS: number; lengthS: number };

const GOOD: Beep[] = [
  { frequency: 1320, wave: 'sine', startS: 0, lengthS: 0.09 },
  { frequency: 1760, wave: 'sine', startS: 0.09, lengthS: 0.11 },
];
const BAD: Beep[] = [0, 0.22, 0.44].map((startS) => ({ frequency: 220, wave: 'square' as const, startS, lengthS: 0.16 }));

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (!context && typeof AudioContext !== 'undefined') context = new AudioContext();
  return context;
}

/** Browsers start audio suspended until the first touch or key press; resume it then. */
export function unlockAudioOnFirstGesture(): void {
  const unlock = () => void audio()?.resume();
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

export function playTone(outcome: 'good' | 'bad'): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const now = ctx.currentTime;
  for (const beep of outcome === 'good' ? GOOD : BAD) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = beep.wave;
    oscillator.frequency.value = beep.frequency;
    // A short fade in and out avoids clicks at the edges of each beep.
    const start = now + beep.startS;
    const end = start + beep.lengthS;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.25, start + 0.01);
    gain.gain.setValueAtTime(0.25, end - 0.02);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(end);
  }
}
