import { uuidv7 } from '../../src/ids';

describe('uuidv7 ids', () => {
  it('are RFC 9562 version 7 UUIDs with the RFC variant', () => {
    for (let i = 0; i < 1000; i++) {
      expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('carry the current time in their first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('are unique and strictly increasing across many refills of the random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('differ in their random bits, not only in a counter', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => uuidv7().slice(-12)));
    expect(tails.size).toBe(1000);
  });
});
