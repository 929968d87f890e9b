import { useTranslation } from 'react-i18next';

/** The dated prerequisites of a staff record (REG-16-2) and their labels. */
export const DATES = [
  ['entryVettingAt', 'persons.vetting'],
  ['confidentialityEducationAt', 'persons.education'],
  ['jobTrainingAt', 'persons.training'],
  ['confidentialityAgreementAt', 'persons.agreement'],
] as const;

export const PERSON_FIELDS = { name: '', idDocument: '', position: '', entryVettingAt: '', confidentialityEducationAt: '', jobTrainingAt: '', confidentialityAgreementAt: '', confidentialityAgreementRef: '' };
export type PersonFieldValues = typeof PERSON_FIELDS;

/** The fields of a staff record's form (create and edit share them). */
export function PersonFields({ input }: { input: (key: keyof PersonFieldValues) => { name: string; value: string; onChange: (e: { target: { value: string } }) => void } }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('persons.name')}
        <input {...input('name')} required maxLength={100} />
      </label>
      <label>
        {t('staff.persons.idDocument')}
        <input {...input('idDocument')} maxLength={64} />
      </label>
      <label>
        {t('persons.position')}
        <input {...input('position')} maxLength={100} />
      </label>
      {DATES.map(([k, label]) => (
        <label key={k}>
          {t(label)}
          <input type="date" {...input(k)} />
        </label>
      ))}
      <label>
        {t('staff.persons.agreementRef')}
        <input {...input('confidentialityAgreementRef')} maxLength={200} />
      </label>
    </>
  );
}

/** Empty fields as null, the rest trimmed: the body of a create or a change. */
export function personBody(f: PersonFieldValues) {
  const v = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: f.name.trim(),
    idDocument: v(f.idDocument),
    position: v(f.position),
    entryVettingAt: v(f.entryVettingAt),
    confidentialityEducationAt: v(f.confidentialityEducationAt),
    jobTrainingAt: v(f.jobTrainingAt),
    confidentialityAgreementAt: v(f.confidentialityAgreementAt),
    confidentialityAgreementRef: v(f.confidentialityAgreementRef),
  };
}

const LABELS: Record<string, string> = {
  name: 'persons.name',
  idDocument: 'staff.persons.idDocument',
  position: 'persons.position',
  confidentialityAgreementRef: 'staff.persons.agreementRef',
  contractorUndertakingAt: 'staff.persons.undertaking',
  unitId: 'users.unit',
  active: 'users.active',
  ...Object.fromEntries(DATES),
};

/** The label key of a staff record's field (for the history). */
export function personLabelKey(field: string): string {
  return LABELS[field] ?? field;
}
