import { useEffect, useState } from 'react';

const TILES = 6;

function beijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A visible watermark over the player: the requester's name and the current Beijing time, ticking every second, tiled. */
export function Watermark({ name }: { name: string }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = `${name} · ${beijing(now)}`;
  return (
    <div
      data-testid="art21-watermark"
      data-name={name}
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden', display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', alignItems: 'center', justifyItems: 'center', userSelect: 'none' }}
    >
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i} style={{ transform: 'rotate(-24deg)', color: 'rgba(255,255,255,0.55)', textShadow: '0 0 2px rgba(0,0,0,0.8)', fontSize: '1.1rem', fontWeight: 600, whiteSpace: 'nowrap' }}>
          {text}
        </span>
      ))}
    </div>
  );
}
