import { useTranslation } from 'react-i18next';
import { Capacity } from './Capacity.tsx';
import { Deletions } from './Deletions.tsx';
import { Findings } from './Findings.tsx';
import { Holds } from './Holds.tsx';
import { Orders } from './Orders.tsx';
import { Purposes } from './Purposes.tsx';
import { RetentionCameras } from './RetentionCameras.tsx';

export const RETENTION_SECTIONS = ['cameras', 'capacity', 'findings', 'holds', 'purposes', 'orders', 'deletions'] as const;
type Section = (typeof RETENTION_SECTIONS)[number];

/** Retention (art. 17, arts. 26–28): one page, a section per concern, `#/retention/<section>`. */
export function Retention({ section, actions, userName }: { section: string | undefined; actions: string[]; userName: string }) {
  const { t } = useTranslation();
  const current: Section = (RETENTION_SECTIONS as readonly string[]).includes(section ?? '') ? (section as Section) : 'cameras';
  const mayChange = actions.includes('ADMINISTER');
  const mayApprove = actions.includes('APPROVE');
  return (
    <section className="card">
      <h2>{t('retention.title')}</h2>
      <nav className="controls" aria-label={t('retention.title')} style={{ display: 'flex', gap: '0.8rem', flexWrap: 'wrap' }}>
        {RETENTION_SECTIONS.map((s) => (
          <a key={s} href={`#/retention/${s}`} className={s === current ? 'active' : ''} data-section={s}>
            {t(`retention.sections.${s}`)}
          </a>
        ))}
      </nav>
      <h3>{t(`retention.sections.${current}`)}</h3>
      {current === 'cameras' && <RetentionCameras mayChange={mayChange} />}
      {current === 'capacity' && <Capacity />}
      {current === 'findings' && <Findings />}
      {current === 'holds' && <Holds mayChange={mayChange} />}
      {current === 'purposes' && <Purposes mayChange={mayChange} />}
      {current === 'orders' && <Orders userName={userName} mayChange={mayChange} mayApprove={mayApprove} />}
      {current === 'deletions' && <Deletions />}
    </section>
  );
}
