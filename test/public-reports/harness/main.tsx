/**
 * The art. 24 report form alone, as the sign's public page renders it (`<ReportForm code={code} />`),
 * for test/e2e/public-report.test.ts: built with Vite into a temporary folder, the sign code from the hash.
 */
import '../../../web/src/style.css';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../../web/src/i18n/index.ts';
import { ReportForm } from '../../../web/src/public/ReportForm.tsx';

await initI18n();
const root = document.getElementById('root');
if (root) createRoot(root).render(<ReportForm code={location.hash.slice(1)} />);
