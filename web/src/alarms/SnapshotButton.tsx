import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from './alarm-api.ts';

/** The pictures kept with a tamper alarm, behind a button: each look is registered (art. 16). */
export function SnapshotButton({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (alarm.snapshots.length === 0) return null;
  if (!shown) {
    return (
      <button type="button" name="snapshots" title={t('alarms.snapshotsTitle')} onClick={() => setShown(true)}>
        {t('alarms.snapshots')}
      </button>
    );
  }
  return (
    <span className="alarm-snapshots">
      {alarm.snapshots.map((s) => (
        <figure key={s.which}>
          <img src={`/api/alarms/${encodeURIComponent(alarm.id)}/snapshots/${s.which}`} alt={t(`alarms.${s.which}`)} width={240} />
          <figcaption>{t(`alarms.${s.which}`)}</figcaption>
        </figure>
      ))}
    </span>
  );
}
