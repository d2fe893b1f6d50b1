import { renderReportPdf } from '../../../src/documents';
import { pdfText } from '../../helpers/pdf-to-png';

describe('renderReportPdf', () => {
  it('draws sections of figures and tables, with no barcode when none is asked for', async () => {
    const pdf = await renderReportPdf({
      title: 'End of day S01',
      subtitle: '2025-06-01',
      printedAt: '2025-06-01T20:00:00Z',
      sections: [
        { heading: 'Bills', rows: [['Dispatched', '12'], ['Open', '1']] },
        { heading: 'Per packer', rows: [['Packers', '2']], table: { columns: ['Packer', 'Containers'], rows: [['Ann', '40'], ['Bob', '38']], align: ['left', 'right'] } },
        { heading: 'Reversals', table: { columns: ['Bill', 'Reason'], rows: [] } },
      ],
    });
    const text = await pdfText(pdf);
    expect(text).toContain('End of day S01');
    expect(text).toMatch(/Dispatched\s+12/);
    expect(text).toMatch(/Packers\s+2[\s\S]*Packer\s+Containers[\s\S]*Ann\s+40\s+Bob\s+38/);
    expect(text).toMatch(/Reversals\s+Bill\s+Reason\s+\(none\)/);
    expect(text).toMatch(/End of day S01\s+page 1 \/ 1/);
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
  });

  it('wraps a cell too long for its column instead of running into the next', async () => {
    const code = 'X'.repeat(300);
    const text = await pdfText(await renderReportPdf({ title: 'T', subtitle: 's', printedAt: '2025-06-01T20:00:00Z', sections: [{ heading: 'H', table: { columns: ['Code', 'N'], rows: [[code, '1']] } }] }));
    // Wrapped, the code's lines interleave with the next column's text; every character is still there.
    expect(text.match(/X/g)).toHaveLength(300);
    expect(text).toMatch(/^\s*X+\s+1\s*$/m);
  });

  it('refuses a print time that is not a date, by name', async () => {
    await expect(renderReportPdf({ title: 'T', subtitle: 's', printedAt: 'yesterday', sections: [] })).rejects.toThrow('not a date: "yesterday"');
  });
});
