import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZoneTypeMeta } from '../api/types.ts';
import { pick } from '../i18n/index.ts';
import { distanceToSegment } from '../../../src/policy/cn-order-799/geometry.ts';
import { INLINE } from './form-inputs.ts';
import { doorOnEdge, type Point } from './plan-geometry.ts';
import type { PlanData, Zone } from './usePlanData.ts';

/** The new zone's kind and name, once its corners are drawn. */
export function NewZoneForm({ data, corners, zoneTypes, onDone }: { data: PlanData; corners: Point[]; zoneTypes: ZoneTypeMeta[]; onDone: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [zoneType, setZoneType] = useState('Z8_3_FITTING_ROOM');
  const [name, setName] = useState('');
  const save = async () => {
    const ok = await data.createZone({ zoneType: zoneType as Zone['zoneType'], name: name.trim() || pick(zoneTypes.find((z) => z.id === zoneType)?.label, i18n.language), polygon: corners });
    if (ok) onDone(true);
  };
  return (
    <div className="stack card" data-testid="new-zone">
      <label>
        {t('plan.zoneType')}
        <select name="zoneType" value={zoneType} onChange={(e) => setZoneType(e.target.value)}>
          {zoneTypes.map((z) => (
            <option key={z.id} value={z.id}>
              {pick(z.label, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('plan.zoneName')}
        <input name="zoneName" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="button" name="saveZone" onClick={() => void save()}>
        {t('plan.saveZone')}
      </button>
      <button type="button" onClick={() => onDone(false)}>
        {t('plan.cancel')}
      </button>
    </div>
  );
}

const onEdge = (o: { from: Point; to: Point }, a: Point, b: Point) => distanceToSegment(o.from, { from: a, to: b }) < 1e-6 && distanceToSegment(o.to, { from: a, to: b }) < 1e-6;

/** A zone's sides: which are glass or open (they do not block the view) and which have a door or window. */
export function ZoneEdges({ data, zone }: { data: PlanData; zone: Zone }) {
  const { t } = useTranslation();
  const edges = zone.polygon.map((a, i) => ({ a, b: zone.polygon[(i + 1) % zone.polygon.length]!, i }));
  const toggleGlass = (i: number, on: boolean) =>
    void data.patchZone(zone.id, { transparentEdges: on ? [...zone.transparentEdges, i].sort((x, y) => x - y) : zone.transparentEdges.filter((e) => e !== i) });
  const toggleDoor = (i: number, on: boolean) => {
    const { a, b } = edges[i]!;
    const others = zone.openings.filter((o) => !onEdge(o, a, b));
    void data.patchZone(zone.id, { openings: on ? [...others, doorOnEdge(zone.polygon, i)] : others });
  };
  return (
    <div className="card" data-testid="zone-edges">
      <h4>{t('plan.edges', { zone: zone.name })}</h4>
      <table>
        <tbody>
          {edges.map(({ a, b, i }) => (
            <tr key={i} data-edge={i}>
              <td>
                {t('plan.edge', { n: i + 1 })} ({a.x}, {a.y}) → ({b.x}, {b.y})
              </td>
              <td>
                <label style={INLINE}>
                  <input type="checkbox" name={`transparent-${i}`} checked={zone.transparentEdges.includes(i)} onChange={(e) => toggleGlass(i, e.target.checked)} /> {t('plan.transparent')}
                </label>
              </td>
              <td>
                <label style={INLINE}>
                  <input type="checkbox" name={`door-${i}`} checked={zone.openings.some((o) => onEdge(o, a, b))} onChange={(e) => toggleDoor(i, e.target.checked)} /> {t('plan.door')}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
