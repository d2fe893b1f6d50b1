import { BagHarness } from './bag-harness';

let h: BagHarness;
beforeEach(async () => { h = await BagHarness.start(3); });
afterEach(() => h.dispose());

describe('parent scans', () => {
  test('a parent opens with the configured capacity', () => {
    const d = h.scan('P-100');
    expect(d).toMatchObject({ outcome: 'good', message: 'P-100 opened (0 of 3)' });
    expect(h.open).toMatchObject({ code: 'P-100', capacity: 3, children: [] });
  });

  test('scanning the open parent again is refused', () => {
    h.scan('P-100');
    h.scan('C-1');
    expect(h.scan('P-100')).toMatchObject({ outcome: 'bad', message: 'P-100 is already open (1 of 3)' });
  });

  test('a new parent while the open one has children is refused: close it first', () => {
    h.scan('P-100');
    h.scan('C-1');
    expect(h.scan('P-200')).toMatchObject({ outcome: 'bad', message: 'Close P-100 first (1 of 3), then scan P-200' });
    expect(h.open?.code).toBe('P-100');
  });

  test('a new parent while the open one is empty sets the empty one aside', () => {
    h.scan('P-100');
    expect(h.scan('P-200')).toMatchObject({ outcome: 'good', message: 'P-200 opened (0 of 3); empty P-100 set aside' });
    expect(h.open?.code).toBe('P-200');
    expect(h.eventTypes()).toEqual(['bag.parent_opened', 'bag.parent_closed', 'bag.parent_opened']);
    // An empty parent leaves nothing behind, so its label can be used later.
    h.close();
    expect(h.scan('P-100').outcome).toBe('good');
  });

  test('a parent closed with children cannot be opened again', () => {
    h.scan('P-100');
    h.scan('C-1');
    h.close();
    expect(h.scan('P-100')).toMatchObject({ outcome: 'bad', message: 'P-100 was already closed with 1 child: scan a new parent' });
  });
});

describe('child scans', () => {
  test('children link to the open parent and the bag closes itself at capacity', () => {
    h.scan('P-100');
    expect(h.scan('C-1')).toMatchObject({ outcome: 'good', message: 'Child 1 of 3 linked to P-100' });
    expect(h.scan('C-2').message).toBe('Child 2 of 3 linked to P-100');
    expect(h.open?.children).toEqual(['C-1', 'C-2']);
    expect(h.scan('C-3')).toMatchObject({ outcome: 'good', message: 'Child 3 of 3 linked to P-100: bag full and closed' });
    expect(h.open).toBeNull();
    expect(h.bags.parent('P-100')).toMatchObject({ status: 'closed', closeReason: 'capacity', children: ['C-1', 'C-2', 'C-3'] });
  });

  test('a child before any parent is refused', () => {
    expect(h.scan('C-1')).toMatchObject({ outcome: 'bad', message: 'Scan a parent bag before child C-1' });
  });

  test('a child already linked says to which parent', () => {
    h.scan('P-100');
    h.scan('C-1');
    expect(h.scan('C-1')).toMatchObject({ outcome: 'bad', message: 'C-1 is already in this bag (P-100)' });
    h.close();
    h.scan('P-200');
    expect(h.scan('C-1')).toMatchObject({ outcome: 'bad', message: 'C-1 is already in P-100' });
  });
});

describe('other codes', () => {
  test('an unknown code pattern is refused and recorded', () => {
    expect(h.scan('HELLO')).toMatchObject({ outcome: 'bad', message: 'Unknown code "HELLO": not a parent, child or command code' });
    const row = h.store.db.prepare("SELECT payload FROM events WHERE type = 'scan.rejected' AND seq > ?").pluck().get(h.base) as string;
    expect(JSON.parse(row)).toEqual({ code: 'HELLO', codeClass: 'unknown', reason: 'Unknown code "HELLO": not a parent, child or command code' });
  });

  test('a garbled scan is refused with the decoder reason', () => {
    expect(h.scan('P-1\uFFFD', { valid: false, error: 'invalid UTF-8 at byte 3' }))
      .toMatchObject({ outcome: 'bad', message: 'Unreadable scan: invalid UTF-8 at byte 3' });
  });

  // Was 'a badge is refused until badge login exists': badges now sign in (the session module takes them in every mode).
  test('a badge goes to the sessions module: an unknown one is refused, a known one asks for its PIN', async () => {
    expect(h.scan('B-42')).toMatchObject({ outcome: 'bad', message: 'Unknown badge B-42: ask an admin to add it' });
    expect(h.scan(h.user.badge)).toMatchObject({ outcome: 'good', message: 'Sam Supervisor is already signed in' });
    h.scan('P-100');
    expect(h.eventTypes()).toEqual(['scan.rejected', 'bag.parent_opened']);
  });

  test('CMD:CLOSE and CMD:UNDO act like the buttons; other commands are refused', () => {
    h.scan('P-100');
    h.scan('C-1');
    h.scan('C-2');
    expect(h.scan('CMD:UNDO')).toMatchObject({ outcome: 'good', message: 'Undone: C-2 removed from P-100 (1 of 3)' });
    expect(h.scan('CMD:CLOSE')).toMatchObject({ outcome: 'good', message: 'P-100 closed with 1 of 3' });
    expect(h.scan('CMD:SELF_DESTRUCT')).toMatchObject({ outcome: 'bad', message: 'Unknown command CMD:SELF_DESTRUCT' });
  });
});

describe('close and undo', () => {
  test('closing with no open bag is refused', () => {
    expect(h.close()).toMatchObject({ outcome: 'bad', message: 'No bag is open to close' });
  });

  test('undo reverses the last link as a new event, never a delete', () => {
    h.scan('P-100');
    h.scan('C-1');
    h.scan('C-2');
    expect(h.undo()).toMatchObject({ outcome: 'good', message: 'Undone: C-2 removed from P-100 (1 of 3)' });
    expect(h.open?.children).toEqual(['C-1']);
    expect(h.eventTypes()).toEqual(['bag.parent_opened', 'bag.child_linked', 'bag.child_linked', 'bag.link_reversed']);
    const reversal = JSON.parse(h.store.db.prepare("SELECT payload FROM events WHERE type = 'bag.link_reversed'").pluck().get() as string);
    expect(reversal).toEqual({ parent: 'P-100', child: 'C-2', reversesSeq: h.base + 3, reason: 'undo' });
    // The undone child is free again.
    expect(h.scan('C-2').outcome).toBe('good');
  });

  test('undo of the link that filled a bag reopens it', () => {
    h.scan('P-100');
    h.scan('C-1');
    h.scan('C-2');
    h.scan('C-3');
    expect(h.undo()).toMatchObject({ outcome: 'good', message: 'Undone: C-3 removed from P-100, bag reopened (2 of 3)' });
    expect(h.open).toMatchObject({ code: 'P-100', children: ['C-1', 'C-2'] });
  });

  test('nothing to undo: no link, an empty new bag, or a bag closed by hand', () => {
    expect(h.undo()).toMatchObject({ outcome: 'bad', message: 'Nothing to undo: no child is linked' });
    h.scan('P-100');
    h.scan('C-1');
    h.close();
    expect(h.undo()).toMatchObject({ outcome: 'bad', message: 'Nothing to undo: no bag is open (P-100 is closed)' });
    h.scan('P-200');
    expect(h.undo()).toMatchObject({ outcome: 'bad', message: 'Nothing to undo: P-200 has no child to undo (P-100 is closed)' });
  });

  test('repeated undo walks back through the open bag only', () => {
    h.scan('P-100');
    h.scan('C-1');
    h.scan('C-2');
    h.undo();
    h.undo();
    expect(h.open?.children).toEqual([]);
    expect(h.undo().outcome).toBe('bad');
  });
});
