/** Phone-first layout, kept with the form (the public page may live without the staff UI's styles). */
export const FORM_STYLE = {
  section: { maxWidth: '36rem', margin: '0 auto', padding: '1rem', boxSizing: 'border-box', background: '#fff', borderRadius: 6 },
  form: { display: 'grid', gap: '0.8rem' },
  field: { fontSize: 16, width: '100%', boxSizing: 'border-box' },
  choice: { display: 'flex', gap: '0.6rem', alignItems: 'flex-start', padding: '0.35rem 0', fontSize: '0.95rem' },
  tick: { width: 'auto', marginTop: '0.2rem', flex: 'none' },
  fieldset: { display: 'grid', gap: '0.6rem', border: '1px solid #d5dae2', borderRadius: 6, margin: 0 },
  submit: { fontSize: 17, padding: '0.7rem', background: '#1f4e79', color: '#fff', border: 0, borderRadius: 6 },
  reference: { fontSize: 22, letterSpacing: '0.05em', wordBreak: 'break-all' },
} as const;
