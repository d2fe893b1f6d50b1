import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../state/context';
import { nextSample, type SampleKind } from '../demo-samples';
import { Button } from './Button';

/** An on-screen scanner for trying the station without hardware. Hidden in kiosk mode. */
export function DemoPanel() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const shown = useStationView((view) => view.state?.demoPanel ?? false);
  const recent = useStationView((view) => view.state?.recentScans);
  const children = useStationView((view) => view.state?.slices.bag.openParent?.children);
  const [code, setCode] = useState('');
  if (!shown) return null;

  const fillSample = (kind: SampleKind) => setCode(nextSample(kind, recent ?? [], children ?? []));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) return;
    setCode('');
    void actions.submitScan(trimmed, 'demo');
  };

  return (
    <form className="demo" aria-label={t('demo.title')} data-testid="demo-panel" onSubmit={submit}>
      <label className="demo__label" htmlFor="demo-code">{t('demo.title')}</label>
      <input
        id="demo-code"
        className="demo__input"
        data-testid="demo-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        placeholder={t('demo.placeholder')}
        autoComplete="off"
        spellCheck={false}
      />
      <Button onClick={() => fillSample('parent')} testId="demo-sample-parent">{t('demo.sampleParent')}</Button>
      <Button onClick={() => fillSample('child')} testId="demo-sample-child">{t('demo.sampleChild')}</Button>
      <Button type="submit" size="primary" tone="accent" icon="scan" testId="demo-scan">{t('demo.scan')}</Button>
    </form>
  );
}
