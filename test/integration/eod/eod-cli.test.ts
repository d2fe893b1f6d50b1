import fs from 'node:fs';
import path from 'node:path';
import { pdfText } from '../../helpers/pdf-to-png';
import { station } from '../cli/run-cli';
import { EodHarness } from './eod-harness';

jest.setTimeout(60_000);

let h: EodHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** `station eod` reads the store a real Station wrote: the same figures as the kiosk's summary. */
test('station eod: text, csv and pdf of a shift; a bad date or shift is a usage error naming it', async () => {
  h = await EodHarness.start({ at: '2025-06-02T06:30:00.000Z' });
  await h.as('packer');
  await h.scan('S-1', 'C-11', 'C-12', 'C-13', 'S-2', 'C-21', 'X-NOPE');
  const config = path.join(h.dir, 'station.json');

  const text = station(['eod', '--config', config, '--date', '2025-06-02', '--shift', 'early']);
  expect(text).toMatchObject({ code: 0, stderr: '' });
  expect(text.stdout).toMatch(/^End of day 2025-06-02, shift early at station station-1 \(2025-06-02T06:00:00.000Z to 2025-06-02T14:00:00.000Z, UTC\)\n/);
  expect(text.stdout).toMatch(/\n {2}Containers closed +1\n {2}Children +3\n {2}Average per container +3\n/);
  expect(text.stdout).toMatch(/\n {2}Refused scans +1\n/);
  expect(text.stdout).toContain('Open containers carried over:\n  S-2 (sack, opened at seq');
  expect(text.stdout).toMatch(/Refused:\n {2}seq \d+ Pat Packer: X-NOPE: /);

  const csvFile = path.join(h.dir, 'out', 'early.csv');
  expect(station(['eod', '--config', config, '--date', '2025-06-02', '--shift', 'early', '--format', 'csv', '--out', csvFile])).toMatchObject({ code: 0, stdout: `${csvFile}\n` });
  expect(fs.readFileSync(csvFile, 'utf8')).toContain('figure,Containers closed,1,');

  const pdf = station(['eod', '--config', config, '--date', '2025-06-02', '--format', 'pdf']);
  const pdfFile = path.join(h.config.dataDir, 'documents', 'eod', 'station-1-2025-06-02.pdf');
  expect(pdf).toMatchObject({ code: 0, stdout: `${pdfFile}\n` });
  const words = await pdfText(fs.readFileSync(pdfFile));
  expect(words).toContain('End of day 2025-06-02');
  expect(words).toMatch(/Containers closed +1/);

  expect(station(['eod', '--config', config, '--date', '2025-13-01'])).toMatchObject({ code: 2, stderr: expect.stringContaining('"2025-13-01" is not a date') });
  expect(station(['eod', '--config', config, '--date', '2025-06-02', '--shift', 'late'])).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no shift "late" (configured: early, night)') });
  expect(station(['eod', '--config', config])).toMatchObject({ code: 2, stderr: expect.stringContaining('--date is required') });
  const empty = station(['eod', '--config', config, '--date', '2025-01-01']);
  expect(empty).toMatchObject({ code: 0, stdout: expect.stringContaining('No work recorded at station station-1 on 2025-01-01\n') });
});
