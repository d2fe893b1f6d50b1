import { useTranslation } from 'react-i18next';
import { Icon } from '../Icon';
import type { InHand } from './ManifestInHand';

/** A 14-digit GTIN (a line's product when it names one) rather than an item code. */
const isGtin = (product: string) => /^\d{14}$/.test(product);

/**
 * The manifest's lines as the station sends them (those still short first): each with its product,
 * lot and expiry, scanned of expected with a bar and a tick once full, and central's stock where known.
 */
export function ManifestLines({ lines }: { lines: InHand['lines'] }) {
  const { t } = useTranslation();
  return (
    <div className="manifest__scroll">
      <table className="manifest-lines" data-testid="manifest-lines">
        <thead>
          <tr>
            <th>{t('manifest.line')}</th><th>{t('manifest.product')}</th><th>{t('manifest.lot')}</th><th>{t('manifest.expiry')}</th>
            <th>{t('manifest.scanned')}</th><th>{t('manifest.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const full = l.scanned >= l.expected;
            return (
              <tr key={l.line} className={full ? 'manifest-lines__full' : undefined} data-testid="manifest-line" data-line={l.line} data-full={String(full)}>
                <td className="manifest-lines__num">{l.line}</td>
                <td>
                  <span className="manifest-lines__product" data-testid="manifest-line-product">{isGtin(l.product) ? `GTIN ${l.product}` : l.product}</span>
                  {l.description && <span className="manifest-lines__desc">{l.description}</span>}
                </td>
                <td>{l.lot ?? '—'}</td>
                <td className="manifest-lines__num">{l.expiry ?? '—'}</td>
                <td className="manifest-lines__progress" data-testid="manifest-line-progress">
                  <span className="manifest-lines__count">
                    {full ? <Icon name="good" /> : null}
                    <span data-testid="manifest-line-count">{l.scanned} / {l.expected}</span>
                    {full && <span className="manifest-lines__done">{t('manifest.lineFull')}</span>}
                  </span>
                  <progress max={l.expected} value={l.scanned} aria-hidden="true" />
                </td>
                <td className="manifest-lines__num" data-testid="manifest-line-stock">{l.stock ?? t('manifest.stockUnknown')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
