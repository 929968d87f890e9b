import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { DeactivateButton } from './DeactivateButton.tsx';
import { CheckField, EnumField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { ASSET_TYPES } from './enums.ts';
import { textOrNull, useRecord } from './useRecord.ts';

type AssetBody = BodyOf<'/api/assets'>;
const PRODUCT = ['manufacturer', 'model', 'serialNumber', 'firmwareVersion', 'hardwareVersion'] as const;
type ProductKey = (typeof PRODUCT)[number];
type Draft = { siteId: string; assetType: AssetBody['assetType']; name: string; locationNote: string; holdsFootage: boolean; active: boolean } & Record<ProductKey, string>;
const EMPTY: Draft = { siteId: '', assetType: 'RECORDER', name: '', locationNote: '', holdsFootage: false, active: true, manufacturer: '', model: '', serialNumber: '', firmwareVersion: '', hardwareVersion: '' };

const fields = (d: Draft) => ({
  assetType: d.assetType,
  name: d.name,
  locationNote: d.locationNote,
  holdsFootage: d.holdsFootage,
  manufacturer: textOrNull(d.manufacturer),
  model: textOrNull(d.model),
  serialNumber: textOrNull(d.serialNumber),
  firmwareVersion: textOrNull(d.firmwareVersion),
  hardwareVersion: textOrNull(d.hardwareVersion),
});

/** A related facility of the system (相关设施, REG-02-2): recorder, storage, encoder, platform, display, link. */
export function AssetPage({ id, site }: { id: string | undefined; site: string | null }) {
  const { t } = useTranslation();
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, siteId: site ?? '' },
    load: async (assetId) => {
      const a = await ok(http.GET('/api/assets/{id}', { params: { path: { id: assetId } } }));
      return {
        ...a,
        manufacturer: a.manufacturer ?? '',
        model: a.model ?? '',
        serialNumber: a.serialNumber ?? '',
        firmwareVersion: a.firmwareVersion ?? '',
        hardwareVersion: a.hardwareVersion ?? '',
      };
    },
    create: (d) => ok(http.POST('/api/assets', { body: { siteId: d.siteId, ...fields(d) } })),
    update: (assetId, d) => ok(http.PATCH('/api/assets/{id}', { params: { path: { id: assetId } }, body: fields(d) })),
    pathOf: (assetId) => `desk/assets/${assetId}`,
  });
  const { draft, set } = form;
  return (
    <>
      <section className="card">
        <p>
          <a href={`#/desk/sites/${draft.siteId}`}>{t('desk.site.title')}</a>
        </p>
        <h2>{id ? `${t('desk.asset.title')}: ${draft.name}` : t('desk.asset.new')}</h2>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError} />
        <form className="stack" aria-label="asset" onSubmit={form.submit}>
          <EnumField label={t('desk.field.assetType')} name="assetType" group="assetType" values={ASSET_TYPES} value={draft.assetType} onChange={(v) => set('assetType', v as Draft['assetType'])} />
          <TextField label={t('desk.field.name')} name="name" value={draft.name} onChange={(v) => set('name', v)} required />
          <TextField label={t('desk.field.locationNote')} name="locationNote" value={draft.locationNote} onChange={(v) => set('locationNote', v)} />
          <CheckField label={t('desk.field.holdsFootage')} name="holdsFootage" checked={draft.holdsFootage} onChange={(v) => set('holdsFootage', v)} />
          {PRODUCT.map((key) => (
            <TextField key={key} label={t(`desk.field.${key}`)} name={key} value={draft[key]} onChange={(v) => set(key, v)} />
          ))}
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && draft.active && <DeactivateButton run={() => ok(http.POST('/api/assets/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
      </section>
      {id && <History version={form.version} load={() => ok(http.GET('/api/assets/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
