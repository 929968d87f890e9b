import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';

function Section({ title, testId, add, error, children }: { title: string; testId: string; add: string; error: unknown; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid={testId}>
      <h3>
        {title} <a href={add}>{t('desk.add')}</a>
      </h3>
      <ErrorText error={error} />
      {children}
    </section>
  );
}

/** A site's cameras (with whether a photographed sign announces each), art. 8 zones, art. 13 signs, art. 10 consents and related facilities, each linking to its record page. */
export function SiteRecords({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const q = { params: { query: { siteId } } };
  const zones = useAsync(() => ok(http.GET('/api/zones', q)), [siteId]);
  const signs = useAsync(() => ok(http.GET('/api/signs', q)), [siteId]);
  const consents = useAsync(() => ok(http.GET('/api/consents', q)), [siteId]);
  const assets = useAsync(() => ok(http.GET('/api/assets', q)), [siteId]);
  const cameras = useAsync(() => ok(http.GET('/api/cameras', q)), [siteId]);
  const signed = new Set((signs.data ?? []).filter((s) => s.active && s.photoRef).flatMap((s) => s.cameraIds));
  const state = (active: boolean) => (active ? '' : ` (${t('desk.inactive')})`);
  return (
    <div className="cards">
      <Section title={t('desk.camera.list')} testId="cameras" add="#/cameras/new" error={cameras.error}>
        <ul>
          {(cameras.data ?? []).map((c) => (
            <li key={c.id}>
              <a href={`#/cameras/${c.id}`}>{c.name}</a> · {enumLabel(t, 'deviceType', c.deviceType)} · {enumLabel(t, 'cameraStatus', c.status)} ·{' '}
              <span className={signed.has(c.id) ? 'ok' : 'error'}>{signed.has(c.id) ? t('desk.camera.signed') : t('desk.camera.unsigned')}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('desk.zone.list')} testId="zones" add={`#/desk/zones/new?site=${siteId}`} error={zones.error}>
        <ul>
          {(zones.data ?? []).map((z) => (
            <li key={z.id}>
              <a href={`#/desk/zones/${z.id}`}>{z.name}</a> · {enumLabel(t, 'zoneType', z.zoneType)}
              {state(z.active)}
            </li>
          ))}
        </ul>
        <a href={`#/plan/${siteId}`}>{t('desk.site.plan')}</a>
      </Section>
      <Section title={t('desk.sign.list')} testId="signs" add={`#/desk/signs/new?site=${siteId}`} error={signs.error}>
        <ul>
          {(signs.data ?? []).map((s) => (
            <li key={s.id}>
              <a href={`#/desk/signs/${s.id}`}>{s.location}</a> · {s.photoRef ? t('desk.sign.hasPhoto') : t('desk.sign.noPhoto')}
              {state(s.active)}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('desk.consent.list')} testId="consents" add={`#/desk/consents/new?site=${siteId}`} error={consents.error}>
        <ul>
          {(consents.data ?? []).map((c) => (
            <li key={c.id}>
              <a href={`#/desk/consents/${c.id}`}>{c.consentingUnit}</a> · {c.referenceNo} · {c.consentDate}
              {state(c.active)}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('desk.asset.list')} testId="assets" add={`#/desk/assets/new?site=${siteId}`} error={assets.error}>
        <ul>
          {(assets.data ?? []).map((a) => (
            <li key={a.id}>
              <a href={`#/desk/assets/${a.id}`}>{a.name}</a> · {enumLabel(t, 'assetType', a.assetType)}
              {state(a.active)}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
