import { InvalidError } from '../../shared/errors.ts';

export const RELEARN_REASON_MIN = 10;

export const relearnReasonRequired = () =>
  new InvalidError('E_TAMPER_RELEARN_REASON', {
    article: '23(2)',
    message: {
      zh: `重新学习画面须说明理由(至少 ${RELEARN_REASON_MIN} 个字),例如经批准的摄像机移位`,
      en: `Re-learning the picture needs a reason of at least ${RELEARN_REASON_MIN} characters, such as an authorised move of the camera`,
    },
  });
