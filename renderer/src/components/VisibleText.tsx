import { useTranslation } from 'react-i18next';
import { textParts } from '../format/control-chars';

/** Text with every control character shown as a marked name (GS, CR, …), never as nothing. */
export function VisibleText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <>
      {textParts(text).map((part, i) => (part.kind === 'text'
        ? part.text
        : <abbr key={i} className="ctl" data-testid="control-char" title={t('diagnostics.controlChar', { code: `0x${part.code.toString(16).padStart(2, '0')}` })}>{part.name}</abbr>))}
    </>
  );
}
