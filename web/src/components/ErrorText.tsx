import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody } from '../api/client.ts';
import { pick } from '../i18n/index.ts';

interface Fix {
  /** The page that fixes it; none where the fix lies outside Custos (the authenticator app). */
  href?: string;
  /** Message key under `staff.fix`. */
  key: string;
}

const detail = (body: ApiErrorBody, key: string): string | undefined => {
  const value = (body.details as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
};

const grants: Fix = { href: '#/grants', key: 'grant' };
const persons: Fix = { href: '#/persons', key: 'person' };
const camera = (body: ApiErrorBody): Fix => {
  const id = detail(body, 'cameraId');
  return { href: id ? `#/cameras/${encodeURIComponent(id)}` : '#/cameras', key: 'camera' };
};

/** Where each known refusal is put right. */
const FIXES: Record<string, (body: ApiErrorBody) => Fix> = {
  E_TRAINING_LAPSED: () => ({ ...persons, key: 'training' }),
  E_PERSONNEL_PREREQ: () => persons,
  E_PERSON_UNKNOWN: () => persons,
  E_PERSON_DUPLICATE: (body) => ({ href: `#/persons/${encodeURIComponent(detail(body, 'personId') ?? '')}`, key: 'duplicate' }),
  E_NO_CAMERA_PERMISSION: () => grants,
  E_OUT_OF_SCOPE: () => grants,
  E_ACTION_NOT_GRANTED: () => grants,
  E_ADMINISTRATION_NOT_GRANTED: () => grants,
  E_SELF_APPROVAL: () => ({ key: 'secondPerson' }),
  E_LAST_APPROVERS: () => ({ href: '#/grants', key: 'lastApprovers' }),
  E_TOTP_REQUIRED: () => ({ key: 'totp' }),
  E_TOTP_INVALID: () => ({ key: 'totp' }),
  E_TOTP_ENROLLMENT_REQUIRED: () => ({ key: 'enrol' }),
  E_PASSWORD_WEAK: () => ({ key: 'password' }),
  E_PROHIBITED_ZONE: camera,
  E_FOV_INTO_PROHIBITED_ZONE: camera,
  E_AUDIO_NEAR_PROHIBITED_ZONE: camera,
  E_SIGNAGE_MISSING: camera,
  E_SETUP_DONE: () => ({ href: '#/', key: 'signIn' }),
};

/** A domain error as the server explained it ({code, article, messages{zh,en}}), in the current language, with a link to its fix. */
export function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError) {
    const text = pick(error.body.messages, i18n.language) || t('errors.generic', { code: error.code ?? error.status });
    const fix = error.code ? FIXES[error.code]?.(error.body) : undefined;
    return (
      <p className={error.body.article ? 'refusal' : 'error'} role="alert" data-code={error.code}>
        {error.body.article && <strong>{t('cameras.article', { article: error.body.article })} · </strong>}
        {text} <span className="muted">({error.code})</span>
        {fix && (
          <>
            {' '}
            {fix.href ? (
              <a href={fix.href} data-testid="fix">
                {t(`staff.fix.${fix.key}`)}
              </a>
            ) : (
              <span data-testid="fix">{t(`staff.fix.${fix.key}`)}</span>
            )}
          </>
        )}
      </p>
    );
  }
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  return (
    <p className="error" role="alert">
      {message === 'Failed to fetch' ? t('errors.network') : message}
    </p>
  );
}
