import { createHash } from 'node:crypto';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { readLocalChain } from '../../../src/store/audit-reader';
import { canonicalEvent, chainHash, GENESIS_HASH, verifyChain, type ChainedFields, type StoredLink } from '../../../src/store/hash-chain';
import { stationRegistry } from '../../../src/workflows';
import { useTempDir } from './temp-dir';

/** A chained event with every field set; tests override what they look at. */
function fields(over: Partial<ChainedFields> = {}): ChainedFields {
  return {
    stationId: 'pack-07', seq: 1, id: '01a2336d-d332-749b-8528-a5814176858e', type: 'bag.parent_opened', payload: { parent: 'P-1001', capacity: 3 },
    deviceTime: '2026-11-30T08:00:00.000Z', correlationId: 'c1', deviceId: 'serial-1', userId: 'u-1', role: 'packer', sessionId: 's-1', approvedBy: null,
    ...over,
  };
}
/** The canonical text of `payload` alone, cut out of the event's canonical form. */
function payloadText(payload: unknown): string {
  const text = canonicalEvent(fields({ payload }));
  return text.slice(text.indexOf('"payload":') + '"payload":'.length, text.indexOf(',"role":'));
}

describe('canonical encoding (RFC 8785)', () => {
  test('top-level keys in code-unit order, no whitespace, absent values as null', () => {
    expect(canonicalEvent(fields())).toBe(
      '{"approvedBy":null,"correlationId":"c1","deviceId":"serial-1","deviceTime":"2026-11-30T08:00:00.000Z",'
      + '"id":"01a2336d-d332-749b-8528-a5814176858e","payload":{"capacity":3,"parent":"P-1001"},"role":"packer","seq":1,'
      + '"sessionId":"s-1","stationId":"pack-07","type":"bag.parent_opened","userId":"u-1"}',
    );
    const bare = fields({ deviceId: undefined as unknown as null, userId: undefined as unknown as null, payload: undefined });
    expect(canonicalEvent(bare)).toContain('"deviceId":null');
    expect(canonicalEvent(bare)).toContain('"payload":null');
    expect(canonicalEvent(bare)).toContain('"userId":null');
  });

  test('object keys are sorted by UTF-16 code units (the RFC 8785 sorting example)', () => {
    const payload = {
      '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji (surrogates D83D DE00) sorts before U+FB33 although its code point is higher.
    expect(payloadText(payload)).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",'
      + '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  test('strings: non-ASCII as UTF-8 as is, only " \\ and control characters escaped', () => {
    expect(payloadText({ s: 'Jürgen ☃ 😀' })).toBe('{"s":"Jürgen ☃ 😀"}');
    expect(payloadText({ s: 'a"b\\c\n\t\u000f\u007f' })).toBe('{"s":"a\\"b\\\\c\\n\\t\\u000f\u007f"}');
    expect(payloadText({ s: '\u2028</script>' })).toBe('{"s":"\u2028</script>"}');
  });

  test('numbers in their ECMAScript shortest form: 1.0 → 1, 1e21, -0 → 0', () => {
    expect(payloadText({ n: [1.0, 1e21, -0, 1e20, 4.5, 0.002, 1e-7, 0.1 + 0.2, 333333333.33333329, -1.5e-300] }))
      .toBe('{"n":[1,1e+21,0,100000000000000000000,4.5,0.002,1e-7,0.30000000000000004,333333333.3333333,-1.5e-300]}');
    expect(() => canonicalEvent(fields({ payload: { n: Number.NaN } }))).toThrow();
    expect(() => canonicalEvent(fields({ payload: { n: Number.POSITIVE_INFINITY } }))).toThrow();
  });

  test('nested payloads: every level sorted, arrays keep their order', () => {
    expect(payloadText({ z: { y: [3, { b: 2, a: 1 }], x: null }, a: [{ d: false, c: true }] }))
      .toBe('{"a":[{"c":true,"d":false}],"z":{"x":null,"y":[3,{"a":1,"b":2}]}}');
  });

  test('the same event with its keys in another order has the same canonical form', () => {
    const a = fields({ payload: { parent: 'P-1', capacity: 3 } });
    const b = Object.fromEntries(Object.entries(fields({ payload: { capacity: 3, parent: 'P-1' } })).reverse()) as unknown as ChainedFields;
    expect(canonicalEvent(b)).toBe(canonicalEvent(a));
  });
});

describe('chain hash', () => {
  // Computed once (and cross-checked with Python's hashlib); pinned so a change of the encoding is a visible break.
  const FIRST = 'b949de1f1b59666752fe8cd193465b67ec37ab6768dc7a11676cf1241de79e8a';
  const SECOND = '268024b02a8d2886b01d01165a6c3a2b1cc3f815f47bea46e742032020aede74';
  const second = fields({
    seq: 2, id: '01a2336d-d334-79b2-8dbb-5a8d20e9ad2d', type: 'bag.link_reversed', deviceTime: '2026-11-30T08:00:01.000Z', correlationId: 'c2',
    deviceId: null, role: 'supervisor', sessionId: 's-2', approvedBy: 'u-sup',
    payload: { nested: { b: null, a: true }, name: 'Jürgen ☃', n: [1.0, 1e21, -0, 0.5] },
  });

  test('a fixed event hashes to its pinned value', () => {
    expect(chainHash(fields(), GENESIS_HASH)).toBe(FIRST);
    expect(chainHash(second, FIRST)).toBe(SECOND);
  });

  test('the hash is SHA-256 of the canonical UTF-8 followed by the 32 raw bytes of the previous hash', () => {
    const text = '{"approvedBy":"u-sup","correlationId":"c2","deviceId":null,"deviceTime":"2026-11-30T08:00:01.000Z",'
      + '"id":"01a2336d-d334-79b2-8dbb-5a8d20e9ad2d","payload":{"n":[1,1e+21,0,0.5],"name":"Jürgen ☃","nested":{"a":true,"b":null}},'
      + '"role":"supervisor","seq":2,"sessionId":"s-2","stationId":"pack-07","type":"bag.link_reversed","userId":"u-1"}';
    expect(canonicalEvent(second)).toBe(text);
    const independent = createHash('sha256').update(Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(FIRST, 'hex')])).digest('hex');
    expect(independent).toBe(SECOND);
    // Not the hex text of the previous hash.
    expect(createHash('sha256').update(text + FIRST).digest('hex')).not.toBe(SECOND);
  });

  test('every covered field changes the hash', () => {
    const base = chainHash(fields(), GENESIS_HASH);
    const changes: Array<Partial<ChainedFields>> = [
      { stationId: 'pack-08' }, { seq: 2 }, { id: '01a2336d-d332-749b-8528-a5814176858f' }, { type: 'bag.parent_closed' }, { payload: { parent: 'P-1001', capacity: 4 } },
      { deviceTime: '2026-11-30T08:00:00.001Z' }, { correlationId: 'c2' }, { deviceId: null }, { userId: null }, { role: 'admin' }, { sessionId: null }, { approvedBy: 'u-2' },
    ];
    for (const change of changes) expect(chainHash(fields(change), GENESIS_HASH)).not.toBe(base);
    expect(chainHash(fields(), FIRST)).not.toBe(base);
  });

  test('a previous hash that is not 64 lower-case hex digits is refused', () => {
    expect(() => chainHash(fields(), 'abc')).toThrow('prev_hash of event 1 is not 64 hex digits');
    expect(() => chainHash(fields(), FIRST.toUpperCase())).toThrow('not 64 hex digits');
  });
});

describe('chain verification', () => {
  /** A well-formed chain of `n` events. */
  function chain(n: number): StoredLink[] {
    const links: StoredLink[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const f = fields({ seq, id: `id-${seq}`, payload: { i: seq } });
      const hash = chainHash(f, prev);
      links.push({ ...f, prevHash: prev, hash });
      prev = hash;
    }
    return links;
  }
  /** Re-links events from `from` on, starting at `prev` (what a forger with the code would do). */
  function rehash(links: StoredLink[], from: number, prev: string): StoredLink[] {
    return links.map((l) => {
      if (l.seq < from) return l;
      const hash = chainHash(l, prev);
      const relinked = { ...l, prevHash: prev, hash };
      prev = hash;
      return relinked;
    });
  }

  test('an intact chain verifies, with its head and last seq', () => {
    const links = chain(4);
    expect(verifyChain('pack-07', links)).toEqual({ checked: 4, head: links[3]!.hash, lastSeq: 4, broken: null });
    expect(verifyChain('pack-07', [])).toEqual({ checked: 0, head: GENESIS_HASH, lastSeq: 0, broken: null });
  });

  test('an edited payload is found at its seq (kind hash)', () => {
    const links = chain(4);
    links[2] = { ...links[2]!, payload: { i: 99 } };
    expect(verifyChain('pack-07', links)).toEqual({
      checked: 2, head: links[1]!.hash, lastSeq: 2,
      broken: { stationId: 'pack-07', seq: 3, kind: 'hash', expected: chainHash(links[2]!, links[1]!.hash!), found: links[2]!.hash },
    });
  });

  test('a deleted row is found where the seqs skip (kind missing), even when the rows after it were re-linked', () => {
    const links = chain(5);
    const without = links.filter((l) => l.seq !== 3);
    expect(verifyChain('pack-07', without).broken).toEqual({ stationId: 'pack-07', seq: 3, kind: 'missing', expected: 'seq 3', found: 'seq 4' });
    expect(verifyChain('pack-07', rehash(without, 4, links[1]!.hash!)).broken).toMatchObject({ seq: 3, kind: 'missing' });
  });

  test('an edited event re-hashed on its own is found at the next event (kind prev_hash)', () => {
    const links = chain(4);
    const forged = { ...links[1]!, payload: { i: 99 } };
    links[1] = { ...forged, hash: chainHash(forged, links[0]!.hash!) };
    expect(verifyChain('pack-07', links).broken).toEqual({ stationId: 'pack-07', seq: 3, kind: 'prev_hash', expected: links[1]!.hash, found: links[2]!.prevHash });
  });

  test('a re-hashed suffix that does not link onto the event before it is found at its first seq (kind prev_hash)', () => {
    const links = chain(5);
    const forged = rehash(links.map((l) => (l.seq === 3 ? { ...l, payload: { i: 99 } } : l)), 3, GENESIS_HASH);
    expect(verifyChain('pack-07', forged).broken).toEqual({ stationId: 'pack-07', seq: 3, kind: 'prev_hash', expected: links[1]!.hash, found: GENESIS_HASH });
  });

  test('a suffix re-hashed consistently verifies on its own, but its head differs from the one seen before (why central keeps a copy)', () => {
    const links = chain(5);
    const headBefore = verifyChain('pack-07', links).head;
    const forged = rehash(links.map((l) => (l.seq === 3 ? { ...l, payload: { i: 99 } } : l)), 3, links[1]!.hash!);
    const verdict = verifyChain('pack-07', forged);
    expect(verdict.broken).toBeNull();
    expect(verdict.head).not.toBe(headBefore);
  });
});

describe('the event log writes the chain', () => {
  const dir = useTempDir('chain-');
  let store: Store;
  const ctx = { correlationId: 'c', deviceId: 'serial-1', userId: 'u-1', role: 'packer' as const, sessionId: 's-1', approvedBy: null };
  const rejected = (code: string) => ({ type: 'scan.rejected', payload: { code, codeClass: 'unknown', reason: 'test' } });
  beforeEach(() => { store = openStore({ file: databaseFile(dir()), stationId: 'st-1', registry: stationRegistry(), checkpointIntervalMs: 60_000 }); });
  afterEach(() => store.close());

  test('appended events link from the genesis hash, across transactions, and verify as stored', () => {
    const first = store.log.append([rejected('a'), rejected('b')], ctx);
    const [third] = store.log.append([rejected('c')], { ...ctx, approvedBy: 'u-sup' });
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    expect(third!.prevHash).toBe(first[1]!.hash);
    expect(third!.hash).toBe(chainHash({ ...third!, payload: { code: 'c', codeClass: 'unknown', reason: 'test' } }, first[1]!.hash));
    expect(verifyChain('st-1', readLocalChain(store.db))).toEqual({ checked: 3, head: third!.hash, lastSeq: 3, broken: null });
  });

  test('a payload edited in the file (trigger dropped) is found at its seq', () => {
    store.log.append([rejected('a'), rejected('b'), rejected('c')], ctx);
    store.db.exec('DROP TRIGGER events_no_update');
    store.db.prepare("UPDATE events SET payload = ? WHERE seq = 2").run(JSON.stringify({ code: 'B', codeClass: 'unknown', reason: 'test' }));
    expect(verifyChain('st-1', readLocalChain(store.db)).broken).toMatchObject({ seq: 2, kind: 'hash' });
  });

  test('a row deleted from the file is found as missing', () => {
    store.log.append([rejected('a'), rejected('b'), rejected('c')], ctx);
    store.db.exec('DROP TRIGGER events_no_delete');
    store.db.prepare('DELETE FROM outbox WHERE seq = 2').run();
    store.db.prepare('DELETE FROM events WHERE seq = 2').run();
    expect(verifyChain('st-1', readLocalChain(store.db)).broken).toMatchObject({ seq: 2, kind: 'missing' });
  });
});
