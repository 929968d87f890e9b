import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { legalDateTimeIn } from '../lib/legal-time.ts';
import { useRecorders, type RecorderNode } from './recorders-api.ts';

const BADGE: Record<RecorderNode['state'], string> = { alive: 'online', lost: 'offline', stopped: 'NONCOMPLIANT' };

/**
 * `#/recorders`: the recorder processes (in a cluster, every one that registered; in one process, this one),
 * their state and last heartbeat, and the cameras each holds, of those within the user's reach.
 */
export function RecordersPage() {
  const { t, i18n } = useTranslation();
  const recorders = useRecorders();
  const nodes = recorders.data?.nodes;
  return (
    <div className="page recorders">
      <section className="card">
        <h2>{t('recorders.title')}</h2>
        <p className="muted">{t(recorders.data?.mode === 'cluster' ? 'recorders.introCluster' : 'recorders.introSingle')}</p>
        <ErrorText error={recorders.error} />
        {nodes?.length === 0 && <p className="muted">{t('recorders.none')}</p>}
        {nodes && nodes.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t('recorders.col.node')}</th>
                <th>{t('recorders.col.state')}</th>
                <th>{t('recorders.col.heartbeat')}</th>
                <th>{t('recorders.col.version')}</th>
                <th>{t('recorders.col.cameras')}</th>
                <th>{t('recorders.col.leaseUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => {
                const held = node.cameras.filter((c) => !c.expired);
                const until = held.map((c) => c.leaseExpiresAt).filter((at): at is string => at !== null).sort()[0];
                return (
                  <tr key={node.id} data-node={node.id} data-state={node.state}>
                    <td>
                      <code>{node.id}</code> <span className="muted">{`${node.host} · ${node.pid}`}</span>
                    </td>
                    <td>
                      <span className={`badge ${BADGE[node.state]}`}>{t(`recorders.state.${node.state}`)}</span>
                    </td>
                    <td>{legalDateTimeIn(node.heartbeatAt, i18n.language)}</td>
                    <td>{node.version}</td>
                    <td data-cameras={held.length} title={held.map((c) => c.cameraId).join(', ')}>
                      {t('recorders.cameraCount', { count: held.length })}
                    </td>
                    <td>{until ? legalDateTimeIn(until, i18n.language) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
