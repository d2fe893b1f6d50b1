import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../src/config/load';
import { ContainerConfig } from '../../../../src/workflows/container/config';
import { compileTypes, holdersOf, recognise } from '../../../../src/workflows/container/types';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'containers-config-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Loads a station config file holding this `container` section, as the station does at start-up. */
function load(container: unknown) {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ container }));
  return loadConfig({ file, env: {} });
}
const problem = (container: unknown): string => {
  try {
    load(container);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
};

const bag = { id: 'bag', name: 'Bag', code: { pattern: '^C-' }, holds: [] };
const sack = { id: 'sack', name: 'Sack', code: { pattern: '^S-' }, capacity: 10, holds: ['bag'] };

test('the example in docs/containers.md is a valid config, and reads as documented', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../../../docs/containers.md'), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
  const config = load(JSON.parse(example).container);
  const types = compileTypes(config.container);
  expect(types.list.map((t) => [t.id, t.capacity, t.holds])).toEqual([['bag', 0, []], ['sack', 10, ['bag']], ['pallet', 40, ['sack']], ['carton', 6, ['carton', 'bag']]]);
  expect(recognise(types, 'SK-0001', null)).toMatchObject({ code: 'SK-0001', type: { id: 'sack' } });
  expect(recognise(types, '00123456789012345675', [{ ai: '00', value: '123456789012345675' }])).toMatchObject({ code: '123456789012345675', type: { id: 'pallet' } });
  expect(recognise(types, 'HELLO', null)).toBeNull();
  expect(holdersOf(types, 'bag')).toBe('a sack or a carton');
});

test('no container section: the workflow is off', () => {
  expect(loadConfig({ env: {} }).container).toBeUndefined();
  expect(compileTypes(undefined).list).toEqual([]);
  expect(ContainerConfig.parse({}).types).toEqual([]);
});

test.each([
  ['a holds target that is no type', { types: [bag, { ...sack, holds: ['bag', 'crate'] }] }, 'container.types.1.holds.1: holds: "crate" is not a container type (known: bag, sack)'],
  ['a regex that does not compile', { types: [{ ...bag, code: { pattern: '^C-(' } }] }, 'container.types.0.code.pattern: code.pattern is not a valid regular expression'],
  ['a bad regex on an AI\'s value', { types: [{ ...sack, code: { ai: '00', pattern: '(' } }] }, 'container.types.0.code.pattern: code.pattern is not a valid regular expression'],
  ['an id defined twice', { types: [bag, sack, { ...sack, name: 'Other sack' }] }, 'container.types.2.id: id: type "sack" is defined twice'],
  ['a holding type without a capacity', { types: [bag, { ...sack, capacity: undefined }] }, 'container.types.1.capacity: capacity: type "sack" holds bag, so it needs a capacity'],
  ['an AI the station does not know', { types: [{ ...sack, code: { ai: '9999' } }] }, 'code.ai is not a GS1 AI this station knows'],
  ['a code with neither pattern nor ai', { types: [{ ...sack, code: {} }] }, 'container.types.0.code: code: either { pattern: "<regex>" } or { ai: "00" }'],
  ['a maximum weight not above the tare', { types: [bag, { ...sack, emptyWeightG: 500, maxWeightG: 500 }] }, 'container.types.1.maxWeightG: maxWeightG (500 g) must be more than emptyWeightG (500 g)'],
  ['a capacity of 0', { types: [bag, { ...sack, capacity: 0 }] }, 'container.types.1.capacity: capacity must be at least 1'],
  ['a holds entry listed twice', { types: [bag, { ...sack, holds: ['bag', 'bag'] }] }, 'container.types.1.holds: holds: "bag" is listed twice'],
  ['an unknown field', { types: [{ ...bag, colour: 'red' }] }, 'container.types.0'],
])('refused: %s, naming the field', (_what, container, message) => {
  expect(problem(container)).toContain(message);
});
