/** 事由: a category from the controlled list and a text a person typed (REG-16-1, REG-16-5). */
import { InvalidError } from '../../shared/errors.ts';
import { REASON_CATEGORIES, REASON_MIN_LENGTH, type Reason, type ReasonInput } from './model.ts';

const CATEGORIES: readonly string[] = REASON_CATEGORIES;

/** Characters as a reader counts them (a Chinese character is one). */
const length = (text: string): number => [...text].length;

export function reasonRequired(problem: 'MISSING' | 'CATEGORY' | 'TOO_SHORT'): InvalidError {
  return new InvalidError('E_REASON_REQUIRED', {
    article: '16',
    message: {
      zh: `调阅视频图像信息须登记事由:从列表中选择类别,并填写不少于 ${REASON_MIN_LENGTH} 个字的说明`,
      en: `Accessing video needs a reason: a category from the list and a text of at least ${REASON_MIN_LENGTH} characters`,
    },
    details: { problem, categories: [...REASON_CATEGORIES], minLength: REASON_MIN_LENGTH },
  });
}

/** The reason, checked and trimmed; E_REASON_REQUIRED when it is missing, not from the list or too short. */
export function checkReason(input: ReasonInput | null | undefined): Reason {
  if (!input || (input.category === undefined && input.text === undefined)) throw reasonRequired('MISSING');
  const category = input.category?.trim() ?? '';
  if (!CATEGORIES.includes(category)) throw reasonRequired(category ? 'CATEGORY' : 'MISSING');
  const text = (input.text ?? '').trim().replace(/\s+/g, ' ');
  if (length(text) < REASON_MIN_LENGTH) throw reasonRequired(text ? 'TOO_SHORT' : 'MISSING');
  return { category, text };
}

/** A reason as far as it can be kept on a denial (no check: the request was refused anyway). */
export function reasonAsGiven(input: ReasonInput | null | undefined, fallback: string): Reason {
  return { category: input?.category?.trim().slice(0, 64) || fallback, text: (input?.text ?? '').trim().slice(0, 2000) };
}
