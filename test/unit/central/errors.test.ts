import { classifyError } from '../../../src/central/errors';
import { backoffDelay } from '../../../src/central/backoff';

describe('classifyError: SQLSTATE decides what the worker does next', () => {
  it.each([
    ['08006', 'transient'], ['40001', 'transient'], ['40P01', 'transient'], ['57P01', 'transient'], ['57014', 'transient'],
    ['53300', 'transient'], ['25P03', 'transient'],
    ['28P01', 'config'], ['3D000', 'config'], ['42P01', 'config'], ['42883', 'config'], ['42501', 'config'], ['SG004', 'config'],
    ['SG003', 'config'], ['SG001', 'gap'],
  ])('%s is %s', (code, kind) => {
    expect(classifyError(Object.assign(new Error('x'), { code })).kind).toBe(kind);
  });

  it('treats network failures, with or without a code, as transient and says "unreachable"', () => {
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'transient', code: 'ECONNREFUSED' });
    expect(classifyError(new Error('Connection terminated unexpectedly'))).toMatchObject({ kind: 'transient', message: expect.stringContaining('unreachable') });
  });

  it('tells the operator what to do for configuration errors', () => {
    expect(classifyError(Object.assign(new Error('password authentication failed'), { code: '28P01' })).message).toMatch(/wrong password.*station provision/);
    expect(classifyError(Object.assign(new Error('relation does not exist'), { code: '42P01' })).message).toMatch(/station migrate/);
  });
});

describe('backoffDelay: exponential, jittered, capped', () => {
  it('grows by powers of two up to the cap, scaled by the jitter', () => {
    expect([0, 1, 2, 3, 10, 50].map((n) => backoffDelay(n, 100, 5_000, () => 1))).toEqual([100, 200, 400, 800, 5_000, 5_000]);
    expect(backoffDelay(3, 100, 5_000, () => 0.5)).toBe(400);
    expect(backoffDelay(3, 100, 5_000, () => 0)).toBe(0);
  });
});
