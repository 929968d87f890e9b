import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Camera } from './camera-draft.ts';
import { aimAt, coneShapes, headingHandle, refused, snapPick, svgPoints, svgY, type Bounds, type Point, type ZoneConflict } from './plan-geometry.ts';
import type { PlacedFloorPlan, Sign, Zone } from './usePlanData.ts';

type Drag = { kind: 'move' | 'aim'; cameraId: string } | null;

export interface PlanCanvasProps {
  bounds: Bounds;
  floorPlan: PlacedFloorPlan | null;
  zones: Zone[];
  signs: Sign[];
  cameras: Camera[];
  conflicts: Map<string, ZoneConflict[]>;
  selectedZoneId: string | null;
  /** Points being drawn (a zone's corners, the two scale points). */
  draft: Point[];
  draggable: boolean;
  articleLabel: (article: string) => string;
  onPoint: (p: Point) => void;
  onZone: (id: string) => void;
  onPreview: (cameraId: string, patch: Partial<Pick<Camera, 'position' | 'headingDeg' | 'rangeM'>>) => void;
  onDrop: (cameraId: string) => void;
}

/** The site plan as SVG in metres (y up): grid, floor plan image, prohibited zones with their glass sides and doors, signs, cameras with their coverage. */
export function PlanCanvas(props: PlanCanvasProps) {
  const { bounds: b, floorPlan, zones, signs, cameras, conflicts } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag>(null);
  const w = b.maxX - b.minX;
  const h = b.maxY - b.minY;
  /** Marker size: about one sixtieth of the view, so that markers read the same at any scale. */
  const u = Math.max(w, h) / 60;

  const toPlan = (event: { clientX: number; clientY: number }): Point => {
    const el = svg.current!;
    const matrix = el.getScreenCTM()!.inverse();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return snapPick({ x: p.x, y: -p.y });
  };
  const start = (kind: 'move' | 'aim', cameraId: string) => (event: ReactPointerEvent) => {
    if (!props.draggable) return;
    event.stopPropagation();
    svg.current?.setPointerCapture(event.pointerId);
    setDrag({ kind, cameraId });
  };
  const move = (event: ReactPointerEvent) => {
    if (!drag) return;
    const p = toPlan(event);
    const camera = cameras.find((c) => c.id === drag.cameraId);
    if (drag.kind === 'move') props.onPreview(drag.cameraId, { position: p });
    else if (camera?.position) props.onPreview(drag.cameraId, aimAt(camera.position, p));
  };
  const end = () => {
    if (drag) props.onDrop(drag.cameraId);
    setDrag(null);
  };

  return (
    <svg
      ref={svg}
      data-testid="site-plan"
      viewBox={`${b.minX} ${-b.maxY} ${w} ${h}`}
      style={{ width: '100%', height: '70vh', background: '#fff', border: '1px solid #ccc', touchAction: 'none', userSelect: 'none' }}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
      onClick={(e) => {
        if (!drag) props.onPoint(toPlan(e));
      }}
    >
      <defs>
        <pattern id="grid-1m" width="1" height="1" patternUnits="userSpaceOnUse">
          <path d="M 1 0 L 0 0 0 1" fill="none" stroke="#e4e4e4" strokeWidth={0.02} />
        </pattern>
        <pattern id="grid-5m" width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="url(#grid-1m)" />
          <path d="M 5 0 L 0 0 0 5" fill="none" stroke="#c8c8c8" strokeWidth={0.04} />
        </pattern>
      </defs>
      <rect x={b.minX} y={-b.maxY} width={w} height={h} fill="url(#grid-5m)" />
      {floorPlan && (
        <image
          data-testid="floor-plan-image"
          href={floorPlan.url}
          x={floorPlan.originX}
          y={svgY(floorPlan.originY)}
          width={floorPlan.widthPx * floorPlan.metresPerPixel}
          height={floorPlan.heightPx * floorPlan.metresPerPixel}
          opacity={0.85}
          preserveAspectRatio="none"
        />
      )}
      {zones.map((z) => (
        <g key={z.id} data-zone={z.id} onClick={(e) => (e.stopPropagation(), props.onZone(z.id))} style={{ cursor: 'pointer' }}>
          <polygon points={svgPoints(z.polygon)} fill="rgba(150,0,150,0.12)" stroke="none" />
          {z.polygon.map((a, i) => {
            const c = z.polygon[(i + 1) % z.polygon.length]!;
            const glass = z.transparentEdges.includes(i);
            return (
              <line
                key={i}
                x1={a.x}
                y1={svgY(a.y)}
                x2={c.x}
                y2={svgY(c.y)}
                stroke={glass ? '#3a9ad9' : '#602060'}
                strokeWidth={(props.selectedZoneId === z.id ? 1.6 : 1) * u * (glass ? 0.15 : 0.3)}
                strokeDasharray={glass ? `${u * 0.4} ${u * 0.25}` : undefined}
              />
            );
          })}
          {z.openings.map((o, i) => (
            <line key={`o${i}`} x1={o.from.x} y1={svgY(o.from.y)} x2={o.to.x} y2={svgY(o.to.y)} stroke="#fff" strokeWidth={u * 0.35} />
          ))}
          <text x={z.polygon[0]!.x + u * 0.3} y={svgY(z.polygon[0]!.y) - u * 0.3} fontSize={u * 0.9} fill="#602060">
            {z.name}
          </text>
        </g>
      ))}
      {cameras.map((c) =>
        coneShapes(c).map((poly, i) => {
          const bad = refused(conflicts.get(c.id) ?? []);
          return (
            <polygon
              key={`${c.id}-${i}`}
              data-cone={c.id}
              data-refused={bad ? 'true' : 'false'}
              points={svgPoints(poly)}
              fill={bad ? 'rgba(220,0,0,0.28)' : 'rgba(0,110,220,0.18)'}
              stroke={bad ? '#c00' : '#06c'}
              strokeWidth={u * 0.06}
              pointerEvents="none"
            />
          );
        }),
      )}
      {signs
        .filter((s) => s.position)
        .map((s) => (
          <g key={s.id} data-sign={s.id} transform={`translate(${s.position!.x} ${svgY(s.position!.y)})`}>
            <polygon points={`0,${-u} ${u * 0.9},${u * 0.6} ${-u * 0.9},${u * 0.6}`} fill="#ffd400" stroke="#000" strokeWidth={u * 0.06} />
            <text y={u * 0.45} fontSize={u} textAnchor="middle">
              !
            </text>
          </g>
        ))}
      {cameras
        .filter((c) => c.position)
        .map((c) => {
          const list = conflicts.get(c.id) ?? [];
          const bad = refused(list);
          const handle = headingHandle(c);
          const p = c.position!;
          return (
            <g key={c.id} data-camera={c.id}>
              {handle && (
                <>
                  <line x1={p.x} y1={svgY(p.y)} x2={handle.x} y2={svgY(handle.y)} stroke="#555" strokeWidth={u * 0.05} strokeDasharray={`${u * 0.2} ${u * 0.2}`} pointerEvents="none" />
                  <circle data-handle={c.id} cx={handle.x} cy={svgY(handle.y)} r={u * 0.5} fill="#fff" stroke="#333" strokeWidth={u * 0.1} style={{ cursor: 'grab' }} onPointerDown={start('aim', c.id)} onClick={(e) => e.stopPropagation()} />
                </>
              )}
              <circle data-camera-body={c.id} cx={p.x} cy={svgY(p.y)} r={u * 0.7} fill={bad ? '#c00' : '#06c'} stroke="#fff" strokeWidth={u * 0.12} style={{ cursor: 'move' }} onPointerDown={start('move', c.id)} onClick={(e) => e.stopPropagation()} />
              <text x={p.x + u} y={svgY(p.y) - u * 0.4} fontSize={u * 0.9} fill="#222" pointerEvents="none">
                {c.name}
              </text>
              {bad && (
                <text data-article={c.id} x={p.x + u} y={svgY(p.y) + u * 0.9} fontSize={u * 0.9} fill="#c00" fontWeight="bold" pointerEvents="none">
                  {[...new Set(list.filter((x) => !x.masked).map((x) => props.articleLabel(x.article)))].join(' ')}
                </text>
              )}
            </g>
          );
        })}
      {props.draft.length > 0 && (
        <g pointerEvents="none">
          <polyline points={svgPoints(props.draft)} fill="none" stroke="#e07000" strokeWidth={u * 0.12} />
          {props.draft.map((p, i) => (
            <circle key={i} cx={p.x} cy={svgY(p.y)} r={u * 0.3} fill="#e07000" />
          ))}
        </g>
      )}
    </svg>
  );
}
