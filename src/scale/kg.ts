/** A weight in grams as a packer reads it: "12.345 kg". */
export const kg = (grams: number): string => `${(grams / 1000).toFixed(3)} kg`;
