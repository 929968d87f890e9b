import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { InspectorAccounts } from './InspectorAccounts.tsx';
import { PackageGenerator } from './PackageGenerator.tsx';

/** Whether the page is for this user: an inspector, or someone who administers or audits. */
export function mayOpenInspection(session: Session): boolean {
  return session.inspector !== undefined || session.actions.includes('ADMINISTER') || session.actions.includes('AUDIT');
}

/** 监督检查 / Inspection (art. 24): inspector accounts for administrators; the one-click package for inspectors, auditors and administrators. */
export function InspectionPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const inspector = session.inspector;
  return (
    <>
      <section className="card">
        <h2>{t('inspection.title')}</h2>
        {inspector ? (
          <p role="status" data-testid="inspector-banner">
            {t('inspection.inspectorBanner', { officer: inspector.officerName, organ: inspector.organ, warrant: inspector.warrantRef, until: new Date(inspector.validTo).toLocaleString() })}
          </p>
        ) : (
          <p className="muted">{t('inspection.intro')}</p>
        )}
      </section>
      {session.actions.includes('ADMINISTER') && <InspectorAccounts />}
      <PackageGenerator />
    </>
  );
}
