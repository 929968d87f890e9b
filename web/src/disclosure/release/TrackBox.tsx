import type { Box } from './track-math.ts';

const COLOURS = { unresolved: '#e5a00d', mask: '#d32f2f', justified: '#1e88e5' } as const;

/** One box over the video, in screen pixels: amber until resolved, red when masked, blue when left visible. */
export function TrackBox({ id, box, kind, state, selected }: { id: string; box: Box; kind: string; state: keyof typeof COLOURS; selected: boolean }) {
  return (
    <div
      className="redaction-box"
      data-track={id}
      data-kind={kind}
      data-state={state}
      title={kind}
      style={{
        position: 'absolute',
        left: box.x,
        top: box.y,
        width: box.w,
        height: box.h,
        boxSizing: 'border-box',
        border: `${selected ? 3 : 2}px ${state === 'unresolved' ? 'dashed' : 'solid'} ${COLOURS[state]}`,
        background: state === 'mask' ? 'rgba(211, 47, 47, 0.25)' : 'transparent',
        cursor: 'move',
      }}
    />
  );
}
