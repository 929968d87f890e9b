import type { CameraDraft } from './camera-draft.ts';

type TextKey = { [K in keyof CameraDraft]: CameraDraft[K] extends string ? K : never }[keyof CameraDraft];
type FlagKey = { [K in keyof CameraDraft]: CameraDraft[K] extends boolean ? K : never }[keyof CameraDraft];

/** Props for the inputs of one draft: text fields and check boxes, named after their field. */
export function draftInputs(draft: CameraDraft, set: <K extends keyof CameraDraft>(key: K, value: CameraDraft[K]) => void) {
  return {
    text: (key: TextKey) => ({ name: key, value: draft[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value) }),
    number: (key: TextKey, step = 'any') => ({ name: key, type: 'number', step, value: draft[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value) }),
    flag: (key: FlagKey) => ({ name: key, type: 'checkbox', checked: draft[key], onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked) }),
  };
}
export type DraftInputs = ReturnType<typeof draftInputs>;

/** Two columns of short fields. */
export const GRID_2 = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', gap: '0.5rem 1rem' } as const;

/** A check box and its text on one line. */
export const INLINE = { display: 'flex', gap: '0.4rem', alignItems: 'center' } as const;
