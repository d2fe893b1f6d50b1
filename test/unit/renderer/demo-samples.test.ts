import { nextSample } from '../../../renderer/src/demo-samples';

const scanned = (...codes: string[]) => codes.map((code) => ({ code }));

describe('nextSample', () => {
  it('starts at P-1001 and C-2001 on a fresh station', () => {
    expect(nextSample('parent', [])).toBe('P-1001');
    expect(nextSample('child', [])).toBe('C-2001');
  });

  it('is one above the highest code seen, so a sample is never one the station already used', () => {
    expect(nextSample('child', scanned('P-1001', 'C-2001', 'C-2007', 'C-2003'))).toBe('C-2008');
    expect(nextSample('parent', scanned('P-1001', 'C-2001', 'P-1004'))).toBe('P-1005');
  });

  it('counts the open bag\'s children too, even when they dropped out of the recent scans', () => {
    expect(nextSample('child', scanned('P-1001'), ['C-2001', 'C-2012'])).toBe('C-2013');
  });

  it('ignores codes of another shape and button entries', () => {
    expect(nextSample('child', scanned('C-20x1', 'XC-2050', 'scan.undo', 'bag.close', 'P-2100'))).toBe('C-2001');
  });
});
