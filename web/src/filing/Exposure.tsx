import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { pick } from '../i18n/index.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { namedFindings } from './named-findings.ts';
import { fixHref, objectHref } from './links.ts';
import type { Exposure as ExposureReport } from './types.ts';

type Row = ExposureReport['rows'][number];

export interface ArticleTotal {
  penaltyRef: string;
  findings: number;
  immediateMax: number;
  conditionalMax: number;
  orderToCorrectOnly: number;
}

/** Open findings' exposure summed per penalty article (each subject counted once per article, as the server's totals). */
export function byArticle(rows: readonly Row[]): ArticleTotal[] {
  const map = new Map<string, ArticleTotal>();
  for (const row of rows) {
    const total = map.get(row.penaltyRef) ?? { penaltyRef: row.penaltyRef, findings: 0, immediateMax: 0, conditionalMax: 0, orderToCorrectOnly: 0 };
    total.findings += 1;
    if (row.flags.orderToCorrectOnly) total.orderToCorrectOnly += 1;
    if (row.countedInTotals && row.trigger !== null) {
      if (row.trigger === 'IMMEDIATE') total.immediateMax += row.maxExposure;
      else total.conditionalMax += row.maxExposure;
    }
    map.set(row.penaltyRef, total);
  }
  return [...map.values()].sort((a, b) => a.penaltyRef.localeCompare(b.penaltyRef, undefined, { numeric: true }));
}

const yuan = (n: number) => n.toLocaleString('zh-CN');

function range(t: (k: string, o?: Record<string, unknown>) => string, r: { min?: number | undefined; max: number } | null): string {
  if (!r) return '—';
  return r.min === undefined ? t('exposure.upTo', { max: yuan(r.max) }) : `${yuan(r.min)}–${yuan(r.max)}`;
}

/** Arts. 26–30: what the open findings could cost, per article, with each finding's statutory range. Informational. */
export function Exposure() {
  const { t, i18n } = useTranslation();
  const report = useAsync(() => ok(http.GET('/api/compliance/exposure', {})), []);
  const compliance = useAsync(() => ok(http.GET('/api/compliance', {})), []);
  const data = report.data;
  const named = new Map((compliance.data ? namedFindings(compliance.data) : []).map((n) => [`${n.finding.code}:${n.finding.subject.type}:${n.finding.subject.id}`, n]));
  return (
    <section className="card" data-testid="exposure">
      <h2>{t('exposure.title')}</h2>
      <ErrorText error={report.error ?? compliance.error} />
      {data && (
        <>
          <p className="muted">
            {pick(data.notice, i18n.language)} · {t('exposure.table', { version: data.table.version })}
          </p>
          <h3>{t('exposure.byArticle')}</h3>
          <ExposureTotals rows={data.rows} totals={data.totals} />
          <h3>{t('exposure.rows')}</h3>
          <table data-testid="exposure-rows">
            <thead>
              <tr>
                <th>{t('exposure.article')}</th>
                <th>{t('findings.object')}</th>
                <th>{t('exposure.range')}</th>
                <th>{t('exposure.measures')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, i) => {
                const fix = fixHref(row.code, row.subject);
                const object = objectHref(row.subject);
                const finding = named.get(`${row.code}:${row.subject.type}:${row.subject.id}`);
                return (
                  <tr key={`${row.code}:${row.subject.id}:${i}`} data-code={row.code} data-triggerable={row.triggerable}>
                    <td>{t('findings.article', { article: row.penaltyRef })}</td>
                    <td>
                      {enumLabel(t, 'findingSubject', row.subject.type)} {object ? <a href={object}>{finding?.name ?? t('findings.open')}</a> : (finding?.name ?? '')}
                      {finding && <div>{pick(finding.finding.message, i18n.language)}</div>}
                      <div className="muted">
                        {t('findings.fix')}: {t(`fix.${row.code}`, { defaultValue: t('fix.generic') })}
                      </div>
                    </td>
                    <td>
                      {range(t, row.unit ?? row.individual)}
                      {row.trigger && <div className="muted">{enumLabel(t, 'penaltyTrigger', row.trigger)}</div>}
                      {row.triggerable && (
                        <div className="error" data-testid="triggerable">
                          {row.triggeredBy.map((o) => t('correctiveOrders.exposure.triggerable', { reference: o.reference, due: o.dueDate })).join('; ')}
                        </div>
                      )}
                    </td>
                    <td>{row.measures.map((m) => pick(m, i18n.language)).join('; ')}</td>
                    <td>{fix && <a href={fix}>{t('findings.fixIt')}</a>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The per-article table with the overall totals as its last line (also on the dashboard). */
export function ExposureTotals({ rows, totals }: { rows: readonly Row[]; totals: ExposureReport['totals'] }) {
  const { t } = useTranslation();
  return (
    <table data-testid="exposure-by-article">
      <thead>
        <tr>
          <th>{t('exposure.article')}</th>
          <th>{t('exposure.findings')}</th>
          <th>{t('exposure.immediate')}</th>
          <th>{t('exposure.conditional')}</th>
          <th>{t('exposure.orderOnly')}</th>
        </tr>
      </thead>
      <tbody>
        {byArticle(rows).map((a) => (
          <tr key={a.penaltyRef} data-article={a.penaltyRef}>
            <td>{t('findings.article', { article: a.penaltyRef })}</td>
            <td>{a.findings}</td>
            <td>{yuan(a.immediateMax)}</td>
            <td>{yuan(a.conditionalMax)}</td>
            <td>{a.orderToCorrectOnly}</td>
          </tr>
        ))}
        <tr>
          <th>{t('exposure.total')}</th>
          <th>{totals.findings}</th>
          <th>{yuan(totals.immediateMax)}</th>
          <th>{yuan(totals.conditionalMax)}</th>
          <th>{totals.orderToCorrectOnly}</th>
        </tr>
      </tbody>
    </table>
  );
}
