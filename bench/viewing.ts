/**
 * `npm run bench:viewing`: viewing, measured. In headless Chromium against the real server and the
 * simulator: live latency (the wall clock when a picture is shown minus the camera's wall clock for
 * it, from PROGRAM-DATE-TIME) and the time from confirming play on a recorded instant to its first
 * frame; then one-minute lookups in a synthetic index of 30 days × 100 cameras. Prints one JSON line.
 *
 * Options: --cameras N --days N --segment-seconds N (synthetic index), --live-seconds N,
 * --plays N, --recording-segment-seconds N (the server's segments), --skip-browser, --skip-index.
 */
import { parseArgs } from 'node:util';
import { benchIndexLookup } from './viewing/index-lookup.ts';
import { benchBrowser } from './viewing/browser.ts';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '100' },
    days: { type: 'string', default: '30' },
    'segment-seconds': { type: 'string', default: '10' },
    lookups: { type: 'string', default: '500' },
    'live-seconds': { type: 'string', default: '15' },
    plays: { type: 'string', default: '5' },
    'recording-segment-seconds': { type: 'string', default: '10' },
    'skip-browser': { type: 'boolean', default: false },
    'skip-index': { type: 'boolean', default: false },
  },
});

const result: Record<string, unknown> = { bench: 'viewing', at: new Date().toISOString() };
if (!values['skip-browser']) {
  Object.assign(result, await benchBrowser({ liveSeconds: Number(values['live-seconds']), plays: Number(values.plays), segmentSeconds: Number(values['recording-segment-seconds']) }));
}
if (!values['skip-index']) {
  result.indexLookup = await benchIndexLookup({
    cameras: Number(values.cameras),
    days: Number(values.days),
    segmentSeconds: Number(values['segment-seconds']),
    lookups: Number(values.lookups),
  });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
