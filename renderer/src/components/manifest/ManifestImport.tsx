import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationActions } from '../../state/context';
import { Button } from '../Button';

/** The file's bytes as base64 (a data: URL without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * Import a manifest file: the big button opens the file picker (.csv, .xlsx); the bytes go to the
 * station as they are, which checks the whole file. Its answer shows like a scan's, and a refusal
 * (naming file, line and field) stays in the error dialog until acknowledged.
 */
export function ManifestImport() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const send = async (file: File) => {
    setFailed(null);
    setReading(file.name);
    try {
      // the station judges the name too (an .xls, a .txt): only the format is guessed here
      const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
      await actions.request('manifest.import', { file: file.name, format, contentBase64: await readBase64(file) });
    } catch (error) {
      setFailed((error as Error).message);
    } finally {
      setReading(null);
    }
  };

  return (
    <section className="manifest__import" aria-label={t('manifest.import')}>
      <Button size="primary" tone="accent" icon="diagnostics" disabled={reading !== null} onClick={() => input.current?.click()} testId="manifest-import">
        {reading ? t('manifest.importing', { file: reading }) : t('manifest.import')}
      </Button>
      <p className="manifest__hint">{t('manifest.importHint')}</p>
      <input ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden
        data-testid="manifest-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // cleared, so the same file picked again (after fixing it) is read again
          e.target.value = '';
          if (file) void send(file);
        }} />
      {failed && <p className="manifest__failed" role="alert" data-testid="manifest-import-failed">{t('manifest.readFailed', { error: failed })}</p>}
    </section>
  );
}
