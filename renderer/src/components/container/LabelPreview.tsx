import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drawSymbol } from '../../../../src/label/preview-canvas';
import { labelSymbols, type SymbolSpec } from '../../../../src/label/symbols';

/**
 * The codes of a container's label as the printer draws them: Code 128 (GS1-128 for an SSCC) and
 * DataMatrix (GS1 DataMatrix for an SSCC), from the same `labelSymbols` as the ZPL, with bwip-js.
 */
export function LabelPreview({ code }: { code: string }) {
  const { t } = useTranslation();
  const linear = useRef<HTMLCanvasElement>(null);
  const matrix = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    try {
      const symbols = labelSymbols(code);
      const draw = (canvas: HTMLCanvasElement | null, spec: SymbolSpec, scale: number) => {
        if (canvas) drawSymbol(canvas, spec, { scale, barHeight: 40 });
      };
      draw(linear.current, symbols.code128, 2);
      draw(matrix.current, symbols.dataMatrix, 3);
      setProblem(null);
    } catch (err) {
      setProblem((err as Error).message);
    }
  }, [code]);
  if (problem) return <p className="label-preview__problem" data-testid="label-preview-problem">{t('afterClose.noPreview', { problem })}</p>;
  return (
    <figure className="label-preview" data-testid="label-preview" aria-label={t('afterClose.preview', { container: code })}>
      <canvas ref={linear} data-testid="label-preview-code128" />
      <canvas ref={matrix} data-testid="label-preview-datamatrix" />
    </figure>
  );
}
