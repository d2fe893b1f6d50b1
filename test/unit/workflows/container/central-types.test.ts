import { withCentralTypes } from '../../../../src/workflows/container/central-types';
import { ContainerConfig } from '../../../../src/workflows/container/config';

const own = ContainerConfig.parse({ types: [
  { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [] },
  { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, holds: ['bag'] },
] });
const row = (definition: object | string) => ({ id: typeof definition === 'string' ? 'x' : String((definition as { id: string }).id), definition: typeof definition === 'string' ? definition : JSON.stringify(definition) });
const warnings: Array<[string, unknown]> = [];
const logger = { warn: (message: string, meta?: object) => warnings.push([message, meta]) };

beforeEach(() => { warnings.length = 0; });

test('central types join the station\'s own; an id the station defines keeps the station\'s definition', () => {
  const merged = withCentralTypes(own, [
    row({ id: 'pallet', name: 'Pallet', code: { ai: '00' }, capacity: 40, holds: ['sack'] }),
    row({ id: 'sack', name: 'Fleet sack', code: { pattern: '^SK-[0-9]+$' }, capacity: 10, holds: ['bag'] }),
  ], logger);
  expect(merged.types.map((t) => [t.id, t.name])).toEqual([['bag', 'Bag'], ['sack', 'Sack'], ['pallet', 'Pallet']]);
  expect(warnings).toEqual([]);
});

test('a station with no types of its own takes central\'s', () => {
  expect(withCentralTypes(undefined, [row({ id: 'box', name: 'Box', code: { pattern: '^X-' }, capacity: 2, holds: ['box'] })], logger).types.map((t) => t.id)).toEqual(['box']);
});

test('a broken central type is left out and logged, and the station starts with the rest', () => {
  const merged = withCentralTypes(own, [
    row('{not json'),
    row({ id: 'crate', name: 'Crate', code: { pattern: '(' }, capacity: 2, holds: [] }),
    row({ id: 'cage', name: 'Cage', code: { pattern: '^G-' }, capacity: 2, holds: ['trolley'] }),
    row({ id: 'tote', name: 'Tote', code: { pattern: '^T-' }, capacity: 5, holds: ['bag'] }),
  ], logger);
  expect(merged.types.map((t) => t.id)).toEqual(['bag', 'sack', 'tote']);
  expect(warnings.map(([m, meta]) => [m, (meta as { typeId: string }).typeId])).toEqual([
    ['a container type from central is not valid and is left out', 'x'],
    ['a container type from central is not valid and is left out', 'crate'],
    ['a container type from central holds a type this station does not know and is left out', 'cage'],
  ]);
  expect(JSON.stringify(warnings[1])).toContain('code.pattern is not a valid regular expression');
});
