import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { AddDiscovered } from './AddDiscovered.tsx';

type Report = ResponseOf<'/api/onvif/discover', 'post'>;

/** "Discover cameras": a WS-Discovery probe, the devices found (maker, model, firmware, addresses, MAC, in the inventory), and adding one. */
export function DiscoverCameras({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [credential, setCredential] = useState({ username: '', password: '' });
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [chosen, setChosen] = useState<string>();
  const [added, setAdded] = useState(false);
  const discover = async () => {
    setBusy(true);
    setError(undefined);
    setChosen(undefined);
    try {
      setReport(await ok(http.POST('/api/onvif/discover', { body: credential.username ? credential : {} })));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" name="discover" onClick={() => setOpen(true)}>
        {t('onvif.discover')}
      </button>
    );
  }
  const device = report?.devices.find((d) => d.endpoint === chosen);
  return (
    <div className="card" data-testid="onvif-discovery">
      <p className="muted">{t('onvif.hint')}</p>
      <label>
        {t('onvif.username')} <input name="onvifUser" autoComplete="off" value={credential.username} onChange={(e) => setCredential({ ...credential, username: e.target.value })} />
      </label>{' '}
      <label>
        {t('onvif.password')} <input name="onvifPassword" type="password" autoComplete="off" value={credential.password} onChange={(e) => setCredential({ ...credential, password: e.target.value })} />
      </label>{' '}
      <button type="button" name="probe" disabled={busy} onClick={() => void discover()}>
        {busy ? t('onvif.discovering') : t('onvif.discover')}
      </button>
      <ErrorText error={error} />
      {report?.multicast === 'refused' && <p className="error">{t('onvif.multicastRefused')}</p>}
      {report && report.devices.length === 0 && <p>{t('onvif.none')}</p>}
      {added && <p data-testid="onvif-added">{t('onvif.added')}</p>}
      {report && report.devices.length > 0 && (
        <table aria-label="discovered">
          <thead>
            <tr>
              {(['name', 'vendor', 'model', 'firmware', 'addresses', 'mac', 'inventory'] as const).map((k) => (
                <th key={k}>{t(`onvif.col.${k}`)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {report.devices.map((d) => (
              <tr key={d.endpoint} data-endpoint={d.endpoint} data-in-inventory={String(d.inInventory)}>
                <td>{d.scopes.name ?? '—'}</td>
                <td>{d.manufacturer ?? '—'}</td>
                <td>{d.model ?? d.scopes.hardware ?? '—'}</td>
                <td>{d.firmwareVersion ?? '—'}</td>
                <td>{d.addresses.join(', ')}</td>
                <td>{d.mac ?? '—'}</td>
                <td>{d.inInventory ? t('onvif.yes') : t('onvif.no')}</td>
                <td>
                  {d.error ? (
                    <span className="error" title={d.error.message}>
                      {t('onvif.col.error')}: {d.error.code}
                    </span>
                  ) : (
                    !d.inInventory &&
                    d.deviceUrl && (
                      <button type="button" name="choose" onClick={() => setChosen(d.endpoint)}>
                        {t('onvif.select')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {device && (
        <AddDiscovered
          key={device.endpoint}
          device={device}
          credential={credential}
          onAdded={() => {
            setAdded(true);
            setChosen(undefined);
            onAdded();
            void discover();
          }}
        />
      )}
      <button type="button" onClick={() => setOpen(false)}>
        {t('app.close')}
      </button>
    </div>
  );
}
