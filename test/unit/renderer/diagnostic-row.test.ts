import type { DiagnosticScan } from '../../../renderer/src/api';
import { diagnosticRow, spacedHex } from '../../../renderer/src/diagnostics/diagnostic-row';

const at = new Date(2025, 5, 1, 9, 15, 30, 7);
const gs1Scan: DiagnosticScan = {
  at: at.toISOString(),
  deviceId: 'serial-1',
  hex: '5d4331303130393530363030303133343335321d313041',
  text: '0109506000134352\x1d10A',
  aim: ']C1',
  symbology: 'gs1-128',
  gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'A' }],
  codeClass: 'child',
  valid: true,
  error: null,
  duplicate: false,
};

describe('spacedHex', () => {
  it('splits the bytes in pairs so the cell can wrap between bytes', () => {
    expect(spacedHex('5d43311d')).toBe('5d 43 31 1d');
    expect(spacedHex('')).toBe('');
  });

  it('shows anything that is not whole bytes of hex as it came', () => {
    expect(spacedHex('5d4')).toBe('5d4');
    expect(spacedHex('zz')).toBe('zz');
  });
});

describe('diagnosticRow', () => {
  it('shows a valid GS1-128 scan: time with ms, hex in bytes, AIM and symbology, elements', () => {
    expect(diagnosticRow(gs1Scan)).toEqual({
      time: '09:15:30.007',
      device: 'serial-1',
      hex: '5d 43 31 30 31 30 39 35 30 36 30 30 30 31 33 34 33 35 32 1d 31 30 41',
      text: '0109506000134352\x1d10A',
      aim: ']C1',
      symbology: 'gs1-128',
      gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'A' }],
      codeClass: 'child',
      valid: true,
      error: null,
      duplicate: false,
    });
  });

  it('shows an invalid scan with its reason, and says when a scan had no AIM id', () => {
    const bell: DiagnosticScan = { ...gs1Scan, hex: '432d0732', text: 'C-\x072', aim: null, symbology: null, gs1: null, codeClass: 'unknown', valid: false, error: 'control character 0x07 at byte 2 (only GS, 0x1d, is allowed in a scan)' };
    expect(diagnosticRow(bell)).toMatchObject({ aim: 'no AIM id', symbology: '—', gs1: [], valid: false, error: bell.error });
    expect(diagnosticRow({ ...gs1Scan, aim: ']X9', symbology: null }).symbology).toBe('unknown');
  });

  it('never shows an invalid scan without words, and flags duplicates', () => {
    expect(diagnosticRow({ ...gs1Scan, valid: false, error: null }).error).toBe('invalid (no reason given)');
    expect(diagnosticRow({ ...gs1Scan, duplicate: true }).duplicate).toBe(true);
  });
});
