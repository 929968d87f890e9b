import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { DeadLetters } from './DeadLetters.tsx';
import { MqttStatusCard } from './MqttStatusCard.tsx';
import { WebhookEndpoints } from './WebhookEndpoints.tsx';

/**
 * `#/integrations`: what leaves Custos. The server checks the scope (actions over everything); the page
 * offers changes to those holding CONFIG or ADMINISTER.
 */
export function Integrations({ actions }: { actions: Session['actions'] }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const mayManage = actions.includes('CONFIG') || actions.includes('ADMINISTER');
  return (
    <div className="page integrations">
      <h2>{t('integrations.title')}</h2>
      <p className="muted">{t('integrations.intro')}</p>
      <MqttStatusCard />
      <WebhookEndpoints mayManage={mayManage} onChange={() => setVersion((v) => v + 1)} />
      <DeadLetters mayManage={mayManage} version={version} />
    </div>
  );
}
