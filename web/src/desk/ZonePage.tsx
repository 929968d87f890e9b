import { useTranslation } from 'react-i18next';
import { http, ok, type BodyOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { DeactivateButton } from './DeactivateButton.tsx';
import { EnumField, SaveButton, TextField } from './fields.tsx';
import { History } from './History.tsx';
import { ZONE_TYPES } from './enums.ts';
import { textOrNull, useRecord } from './useRecord.ts';

type ZoneBody = BodyOf<'/api/zones'>;
interface Draft {
  siteId: string;
  zoneType: ZoneBody['zoneType'];
  name: string;
  description: string;
  polygon: string;
  active: boolean;
}
const EMPTY: Draft = { siteId: '', zoneType: 'Z8_3_TOILET', name: '', description: '', polygon: '0,0 10,0 10,10 0,10', active: true };

/** "x,y x,y …" in site-plan metres. */
export function parsePolygon(text: string): { x: number; y: number }[] {
  return text
    .trim()
    .split(/[\s;]+/)
    .filter(Boolean)
    .map((pair) => {
      const [x = NaN, y = NaN] = pair.split(',').map(Number);
      return { x, y };
    });
}
const polygonText = (points: { x: number; y: number }[]) => points.map((p) => `${p.x},${p.y}`).join(' ');

/** An art. 8.1 prohibited zone as a form: its type (with the article), name, description and outline; drawing is on the plan page. */
export function ZonePage({ id, site }: { id: string | undefined; site: string | null }) {
  const { t } = useTranslation();
  const form = useRecord<Draft>({
    id,
    empty: { ...EMPTY, siteId: site ?? '' },
    load: async (zoneId) => {
      const z = await ok(http.GET('/api/zones/{id}', { params: { path: { id: zoneId } } }));
      return { siteId: z.siteId, zoneType: z.zoneType, name: z.name, description: z.description ?? '', polygon: polygonText(z.polygon), active: z.active };
    },
    create: (d) => ok(http.POST('/api/zones', { body: { siteId: d.siteId, zoneType: d.zoneType, name: d.name, description: textOrNull(d.description), polygon: parsePolygon(d.polygon) } })),
    update: (zoneId, d) =>
      ok(http.PATCH('/api/zones/{id}', { params: { path: { id: zoneId } }, body: { zoneType: d.zoneType, name: d.name, description: textOrNull(d.description), polygon: parsePolygon(d.polygon) } })),
    pathOf: (zoneId) => `desk/zones/${zoneId}`,
  });
  const { draft, set } = form;
  return (
    <>
      <section className="card">
        <p>
          <a href={`#/desk/sites/${draft.siteId}`}>{t('desk.site.title')}</a> · <a href={`#/plan/${draft.siteId}`}>{t('desk.site.plan')}</a>
        </p>
        <h2>{id ? `${t('desk.zone.title')}: ${draft.name}` : t('desk.zone.new')}</h2>
        {id && !draft.active && <p className="badge">{t('desk.inactive')}</p>}
        <ErrorText error={form.loadError} />
        <form className="stack" aria-label="zone" onSubmit={form.submit}>
          <EnumField label={t('desk.field.zoneType')} name="zoneType" group="zoneType" values={ZONE_TYPES} value={draft.zoneType} onChange={(v) => set('zoneType', v as Draft['zoneType'])} />
          <TextField label={t('desk.field.name')} name="name" value={draft.name} onChange={(v) => set('name', v)} required />
          <TextField label={t('desk.field.description')} name="description" value={draft.description} onChange={(v) => set('description', v)} multiline />
          <TextField label={t('desk.field.polygon')} name="polygon" value={draft.polygon} onChange={(v) => set('polygon', v)} required />
          <p className="muted">{t('desk.zone.polygonHint')}</p>
          <ErrorText error={form.error} />
          {form.saved && <p className="ok">{t('desk.saved')}</p>}
          <SaveButton saving={form.saving} />
        </form>
        {id && draft.active && <DeactivateButton run={() => ok(http.POST('/api/zones/{id}/deactivate', { params: { path: { id } } }))} onDone={form.reload} />}
      </section>
      {id && <History version={form.version} load={() => ok(http.GET('/api/zones/{id}/history', { params: { path: { id } } }))} />}
    </>
  );
}
