import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

type Device = ResponseOf<'/api/onvif/discover', 'post'>['devices'][number];

/** A discovered device: its profiles (with the credentials given), a site and a name, then the registry camera. */
export function AddDiscovered({ device, credential, onAdded }: { device: Device; credential: { username: string; password: string }; onAdded: (id: string) => void }) {
  const { t } = useTranslation();
  const deviceUrl = device.deviceUrl ?? '';
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const inspected = useAsync(() => ok(http.POST('/api/onvif/inspect', { body: { deviceUrl, ...credential } })), [deviceUrl, credential.username, credential.password]);
  const [main, setMain] = useState('');
  const [siteId, setSiteId] = useState('');
  const [name, setName] = useState(device.scopes.name ?? device.model ?? '');
  const [error, setError] = useState<unknown>();
  const profiles = inspected.data?.profiles ?? [];
  const add = async () => {
    setError(undefined);
    try {
      const camera = await ok(http.POST('/api/onvif/cameras', { body: { deviceUrl, ...credential, siteId: siteId || sites.data?.[0]?.id || '', name, ...(main ? { mainProfile: main } : {}) } }));
      onAdded(camera.id);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div className="card" data-testid="onvif-add">
      <ErrorText error={inspected.error ?? sites.error ?? error} />
      <h3>{t('onvif.profiles')}</h3>
      <ul>
        {profiles.map((p, index) => (
          <li key={p.token}>
            <label>
              <input type="radio" name="mainProfile" value={p.token} checked={(main || profiles[0]?.token) === p.token} onChange={() => setMain(p.token)} /> {p.name} — {p.encoding} {p.width}×{p.height} {p.fps ? `${p.fps} fps` : ''} {index === 0 && !main ? `(${t('onvif.main')})` : ''}
            </label>
          </li>
        ))}
      </ul>
      <label>
        {t('onvif.site')}{' '}
        <select name="siteId" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          {sites.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('onvif.cameraName')} <input name="cameraName" value={name} onChange={(e) => setName(e.target.value)} />
      </label>{' '}
      <button type="button" name="addCamera" disabled={!inspected.data || !name} onClick={() => void add()}>
        {t('onvif.add')}
      </button>
    </div>
  );
}
