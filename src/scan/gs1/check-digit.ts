/**
 * The GS1 mod-10 check digit for the digits s[start, start+len-1), i.e. all but the check digit
 * itself (GTIN, SSCC, GLN, GSRN …). Weights 3,1,3,… from the right.
 */
export function gs1CheckDigit(s: string, start: number, len: number): number {
  let sum = 0;
  let weight = 3;
  for (let i = start + len - 1; i >= start; i--) {
    sum += (s.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}
