import { useTranslation } from 'react-i18next';

interface Input {
  name: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}

/** A camera and a time range (Asia/Shanghai wall time; an empty end is open on that side). */
export function RangeFields({ cameras, camera, from, to, required }: { cameras: { id: string; name: string }[] | undefined; camera: Input; from: Input; to: Input; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('evidence.camera')}
        <select {...camera} required>
          {!camera.value && <option value="">{t('evidence.pickCamera')}</option>}
          {cameras?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('evidence.from')}
        <input type="datetime-local" step={1} {...from} required={required} />
      </label>
      <label>
        {t('evidence.to')}
        <input type="datetime-local" step={1} {...to} required={required} />
      </label>
      <span className="muted">{required ? t('evidence.timesShanghai') : t('evidence.openRange')}</span>
    </>
  );
}
