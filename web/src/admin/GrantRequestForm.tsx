import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useCreateForm } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import type { Directory } from './useDirectory.ts';

const SCOPE_TYPES = ['ALL', 'UNIT', 'SITE', 'CAMERA_GROUP', 'CAMERA'] as const;
type ScopeType = (typeof SCOPE_TYPES)[number];

/** Requests a role for a user over a scope; the object of the scope is picked by name. */
export function GrantRequestForm({ directory, onRequested }: { directory: Directory; onRequested: () => void }) {
  const { t, i18n } = useTranslation();
  const form = useCreateForm(
    { userId: '', roleId: '', scopeType: 'ALL', scopeId: '', reason: '' },
    (f) => {
      const scopeType = f.scopeType as ScopeType;
      return ok(
        http.POST('/api/grants', {
          body: {
            userId: f.userId || directory.users.data?.[0]?.id || '',
            roleId: f.roleId || directory.roles.data?.[0]?.id || '',
            scopeType,
            scopeId: scopeType === 'ALL' ? null : f.scopeId || directory.scopeChoices(scopeType)[0]?.id || '',
            reason: f.reason,
          },
        }),
      );
    },
    onRequested,
  );
  const choices = directory.scopeChoices(form.fields.scopeType);
  return (
    <>
      <h3>{t('grants.request')}</h3>
      <form className="inline" onSubmit={form.submit} aria-label="grant-request">
        <label>
          {t('grants.user')}
          <select {...form.input('userId')}>
            {directory.users.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('grants.role')}
          <select {...form.input('roleId')}>
            {directory.roles.data
              ?.filter((r) => r.active)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {i18n.language === 'en' ? r.nameEn : r.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('staff.grants.scopeType')}
          <select {...form.input('scopeType')} onChange={(e) => form.setFields((f) => ({ ...f, scopeType: e.target.value, scopeId: '' }))}>
            {SCOPE_TYPES.map((s) => (
              <option key={s} value={s}>
                {enumLabel(t, 'grantScopeType', s)}
              </option>
            ))}
          </select>
        </label>
        {form.fields.scopeType !== 'ALL' && (
          <label>
            {t('staff.grants.scopeObject')}
            <select {...form.input('scopeId')} required>
              {choices.length === 0 && <option value="">{t('staff.grants.noObjects')}</option>}
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('grants.reason')}
          <input {...form.input('reason')} required minLength={4} />
        </label>
        <button type="submit" disabled={form.saving}>
          {t('staff.grants.submitRequest')}
        </button>
      </form>
      <ErrorText error={form.error} />
    </>
  );
}
