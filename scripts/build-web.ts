/** `npm run build:web` (and npm start's prestart): builds the web UI when its sources are newer than web/dist. */
import { ensureWebBuild } from '../src/http/web-ui.ts';

const built = await ensureWebBuild();
process.stdout.write(built ? 'web UI built into web/dist\n' : 'web UI is up to date\n');
