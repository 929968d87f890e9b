import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { ARCHIVE_DOCUMENT_TYPES } from './enums.ts';
import { EnumField, SaveButton, TextField } from './fields.tsx';
import { legalDateTimeIn, legalToday } from '../lib/legal-time.ts';
import { uploadFile } from './upload.ts';

type Doc = ResponseOf<'/api/archive/{docId}'>;
type Verification = ResponseOf<'/api/archive/verify', 'post'>;

const withQuery = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString()}`;

/** Art. 11 (REG-11-1, REG-11-2): the system's acceptance archive: typed documents in versions, downloads with a reason, verification. */
export function ArchiveSection({ siteId }: { siteId: string }) {
  const { t, i18n } = useTranslation();
  const docs = useAsync(() => ok(http.GET('/api/sites/{id}/archive', { params: { path: { id: siteId } } })), [siteId]);
  const [meta, setMeta] = useState({ type: 'ACCEPTANCE', title: '', authorUnit: '', effectiveDate: legalToday(), standardCodes: '' });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [reason, setReason] = useState('');
  const [verification, setVerification] = useState<Verification>();

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      docs.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    void run(async () => {
      await uploadFile<Doc>(withQuery(`/api/sites/${encodeURIComponent(siteId)}/archive`, { ...meta, fileName: file.name }), file, 'application/octet-stream');
      setFile(null);
      (event.target as HTMLFormElement).reset();
    });
  };
  const addVersion = (doc: Doc, next: File | undefined) => {
    if (next) void run(() => uploadFile<Doc>(withQuery(`/api/archive/${encodeURIComponent(doc.id)}/versions`, { fileName: next.name }), next, 'application/octet-stream'));
  };
  const verify = () =>
    void run(async () => {
      setVerification(await ok(http.POST('/api/archive/verify')));
    });
  const mine = verification?.results.filter((r) => r.siteId === siteId) ?? [];

  return (
    <section className="card" data-testid="archive">
      <h3>{t('desk.archive.title')}</h3>
      <ErrorText error={docs.error ?? error} />
      <form className="inline" aria-label="archive-upload" onSubmit={upload}>
        <EnumField label={t('desk.field.docType')} name="docType" group="archiveDocumentType" values={ARCHIVE_DOCUMENT_TYPES} value={meta.type} onChange={(v) => setMeta({ ...meta, type: v })} />
        <TextField label={t('desk.field.title')} name="title" value={meta.title} onChange={(v) => setMeta({ ...meta, title: v })} required />
        <TextField label={t('desk.field.authorUnit')} name="authorUnit" value={meta.authorUnit} onChange={(v) => setMeta({ ...meta, authorUnit: v })} required />
        <TextField label={t('desk.field.effectiveDate')} name="effectiveDate" type="date" value={meta.effectiveDate} onChange={(v) => setMeta({ ...meta, effectiveDate: v })} required />
        {meta.type === 'STANDARDS_APPLIED' && (
          <TextField label={t('desk.field.standardCodes')} name="standardCodes" value={meta.standardCodes} onChange={(v) => setMeta({ ...meta, standardCodes: v })} placeholder="GB 50348-2018" />
        )}
        <label>
          {t('desk.archive.file')}
          <input type="file" name="archiveFile" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <SaveButton saving={busy}>{t('desk.archive.upload')}</SaveButton>
      </form>
      <label>
        {t('desk.archive.reason')}
        <input name="downloadReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <table>
        <thead>
          <tr>
            <th>{t('desk.field.docType')}</th>
            <th>{t('desk.field.title')}</th>
            <th>{t('desk.archive.versions')}</th>
            <th>{t('desk.archive.newVersion')}</th>
          </tr>
        </thead>
        <tbody>
          {(docs.data ?? []).map((doc) => (
            <tr key={doc.id} data-doc={doc.id}>
              <td>{enumLabel(t, 'archiveDocumentType', doc.docType)}</td>
              <td>
                {doc.title}
                <div className="muted">
                  {doc.authorUnit} · {doc.effectiveDate}
                  {doc.standardCodes.length > 0 && ` · ${doc.standardCodes.join(', ')}`}
                </div>
              </td>
              <td>
                {doc.versions.map((v) => (
                  <div key={v.version}>
                    {reason.trim() ? (
                      <a href={withQuery(`/api/archive/${encodeURIComponent(doc.id)}/versions/${v.version}/content`, { reason: reason.trim() })} download={v.fileName}>
                        v{v.version} {v.fileName}
                      </a>
                    ) : (
                      <span title={t('desk.archive.reasonFirst')}>
                        v{v.version} {v.fileName}
                      </span>
                    )}{' '}
                    <span className="muted">
                      {v.uploadedBy} · {legalDateTimeIn(v.uploadedAt, i18n.language)} · SHA-256 {v.sha256.slice(0, 16)}…
                    </span>
                  </div>
                ))}
              </td>
              <td>
                <input type="file" name={`version-${doc.id}`} aria-label={t('desk.archive.newVersion')} disabled={busy} onChange={(e) => addVersion(doc, e.target.files?.[0])} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" name="verify" disabled={busy} onClick={verify}>
          {t('desk.archive.verify')}
        </button>
      </p>
      {verification && (
        <p data-testid="archive-verification" className={mine.some((r) => !r.valid) ? 'error' : 'ok'}>
          {t('desk.archive.verified', { checked: mine.length, invalid: mine.filter((r) => !r.valid).length })}
          {mine
            .filter((r) => !r.valid)
            .map((r) => ` ${r.docId} v${r.version}: ${enumLabel(t, 'archiveProblem', r.problem)}`)
            .join(';')}
        </p>
      )}
    </section>
  );
}
