import { useTranslation } from 'react-i18next';
import type { InspectionPackage } from './types.ts';

/** The package's nine sections in brief, as on its PDF (every figure from the package's JSON). */
export function PackageSections({ pkg }: { pkg: InspectionPackage }) {
  const { t } = useTranslation();
  const yes = (b: boolean) => (b ? t('inspection.sections.yes') : t('inspection.sections.no'));
  const ledger = pkg.security.ledger;
  const complete = pkg.personnel.persons.filter((p) => p.complete).length;
  return (
    <div data-testid="inspection-sections">
      <h4>{t('inspection.sections.filing')}</h4>
      <ul>
        {pkg.filing.map((f) => (
          <li key={f.siteId}>{t('inspection.sections.filingRow', { site: f.siteId, status: f.status, receipt: f.receiptNo ?? '—', filings: f.history.length })}</li>
        ))}
      </ul>
      <h4>{t('inspection.sections.inventory')}</h4>
      <p>
        {t('inspection.sections.systems', { count: pkg.inventory.systems.length })} · {t('inspection.sections.cameras', { count: pkg.inventory.cameraCount })}
      </p>
      <h4>{t('inspection.sections.signage')}</h4>
      <p>
        {t('inspection.sections.signs', {
          count: pkg.signage.signs.length,
          photo: pkg.signage.signs.filter((s) => s.photoEvidence === 'PRESENT').length,
          missing: pkg.signage.camerasWithoutSign.length,
        })}
      </p>
      <h4>{t('inspection.sections.retention')}</h4>
      <ul>
        {pkg.retention.cameras.map((c) => (
          <li key={c.cameraId}>
            {t('inspection.sections.retentionRow', { camera: c.cameraId, days: c.configuredDays, floor: c.floorDays ?? '—', age: c.oldestFootageAgeDays ?? '—' })}
          </li>
        ))}
      </ul>
      <h4>{t('inspection.sections.register')}</h4>
      <p>{t('inspection.sections.registerRow', { total: pkg.accessRegister.total, ok: yes(pkg.accessRegister.verification.ok) })}</p>
      <h4>{t('inspection.sections.personnel')}</h4>
      <p>{t('inspection.sections.personnelRow', { complete, count: pkg.personnel.persons.length, findings: pkg.personnel.findings.length })}</p>
      <h4>{t('inspection.sections.trustees')}</h4>
      <p>
        {t('inspection.sections.trusteesRow', {
          commissions: pkg.trustees.commissions.length,
          operators: pkg.trustees.entrustedOperators.length,
          installers: pkg.trustees.installers.length,
        })}
      </p>
      <h4>{t('inspection.sections.security')}</h4>
      <p className="mono" style={{ overflowWrap: 'anywhere' }}>{t('inspection.sections.checkpoint', { size: ledger.checkpoint?.treeSize ?? '—', root: ledger.checkpoint?.rootHash ?? '—' })}</p>
      <p className="mono" style={{ overflowWrap: 'anywhere' }}>{t('inspection.sections.fingerprint', { fp: ledger.publicKey?.fingerprintSha256 ?? '—' })}</p>
      <p>{t('inspection.sections.ledgerOk', { ok: yes(ledger.verification.ok) })}</p>
      <h4>{t('inspection.sections.findings')}</h4>
      <p>{t('inspection.sections.findingsRow', { count: pkg.findings.items.length })}</p>
      <ul>
        {pkg.findings.items.map((f, i) => (
          <li key={`${f.code}-${f.subjectId}-${i}`}>
            {f.severity} · {f.ruleId} {f.code} · {f.subjectType} {f.subjectId}
          </li>
        ))}
      </ul>
    </div>
  );
}
