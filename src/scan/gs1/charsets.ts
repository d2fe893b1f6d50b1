export type Charset = 'N' | 'X' | 'Y' | 'Z';

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** GS1 character sets: which ASCII codes each allows (1) and how to name it in an error. */
export const CHARSETS: Readonly<Record<Charset, { allowed: Uint8Array; words: string }>> = {
  N: { allowed: table(DIGITS), words: 'digits only' },
  X: { allowed: table(`!"%&'()*+,-./:;<=>?_${DIGITS}${UPPER}${LOWER}`), words: 'GS1 character set 82' },
  Y: { allowed: table(`#-/${DIGITS}${UPPER}`), words: 'GS1 character set 39' },
  Z: { allowed: table(`-_${DIGITS}${UPPER}${LOWER}`), words: 'GS1 character set 64, base64url' }, // "=" padding: see validate.ts
};
