import { ScanRules } from '../../../src/scan/rules';

describe('ScanRules', () => {
  test('{} gives the defaults', () => {
    expect(ScanRules.parse({})).toEqual({
      codeClasses: { parent: '^P-[0-9A-Z]{3,20}$', child: '^C-[0-9A-Z]{3,20}$', badge: '^B-[0-9A-Z]{3,20}$', command: '^CMD:[A-Z_]+$' },
      gs1Classes: [], stripPrefix: '', stripSuffix: '', symbologies: [], duplicateWindowMs: 0,
    });
  });

  test('an invalid regex fails validation with a message naming the field', () => {
    const r = ScanRules.safeParse({ codeClasses: { child: '^C-[0-9' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['codeClasses', 'child']);
    expect(r.error!.issues[0]!.message).toMatch(/^scanRules\.codeClasses\.child is not a valid regular expression: /);
  });

  test('an invalid GS1 class pattern and an unknown AI are refused', () => {
    expect(ScanRules.safeParse({ gs1Classes: [{ ai: '00', class: 'parent', pattern: '(' }] }).error!.issues[0]!.message).toMatch(/gs1Classes\[\]\.pattern is not a valid regular expression/);
    expect(ScanRules.safeParse({ gs1Classes: [{ ai: '23', class: 'parent' }] }).error!.issues[0]!.message).toMatch(/not a GS1 AI this station knows/);
    expect(ScanRules.safeParse({ gs1Classes: [{ ai: '00', class: 'unknown' }] }).success).toBe(false);
  });

  test('unknown symbology ids and unknown fields are refused', () => {
    expect(ScanRules.safeParse({ symbologies: ['qr-code'] }).error!.issues[0]!.message).toMatch(/unknown symbology id; known: .*gs1-128/);
    expect(ScanRules.safeParse({ codeClasses: { parnet: 'x' } }).success).toBe(false);
    expect(ScanRules.safeParse({ duplicateWindowMs: -1 }).success).toBe(false);
  });
});
