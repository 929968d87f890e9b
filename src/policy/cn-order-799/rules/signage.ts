/** REG-13-5: a conspicuous sign, with photo evidence, linked to the camera before activation (art. 13). */
import type { CameraRecord, SignRecord } from '../../../registry/model.ts';
import type { Finding } from '../../types.ts';
import { perCamera } from '../context.ts';
import { block, cameraSubject, noncompliant, ACTIVATE_ONLY } from '../finding.ts';
import type { Rule } from './rule.ts';

/** For saving a sign that is linked to cameras (the 422 on linking without evidence). */
export function validateSign(sign: Pick<SignRecord, 'cameraIds' | 'photoRef'>): 'E_SIGN_EVIDENCE_REQUIRED' | null {
  return sign.cameraIds.length > 0 && (sign.photoRef ?? '').trim() === '' ? 'E_SIGN_EVIDENCE_REQUIRED' : null;
}

function hasPhoto(sign: SignRecord): boolean {
  return (sign.photoRef ?? '').trim() !== '';
}

function evaluateCamera(camera: CameraRecord, signs: SignRecord[]): Finding[] {
  if (signs.some(hasPhoto)) return [];
  const subject = cameraSubject(camera);
  const override = (camera.signageOverrideReason ?? '').trim();
  if (override !== '') {
    if (camera.status !== 'ACTIVE') return [];
    return [
      noncompliant({
        ruleId: 'REG-13-5',
        code: 'SIGNAGE_MISSING',
        article: '13',
        message: {
          zh: '摄像机经管理员例外批准启用,但尚未设置有照片为证的显著提示标识;公安机关可责令改正',
          en: 'The camera was activated under an administrator override without a conspicuous sign evidenced by a photo; the PSB may order correction',
        },
        penaltyRef: '13',
        subject,
        details: { overrideReason: override },
      }),
    ];
  }
  const withoutPhoto = signs.map((s) => s.id);
  if (withoutPhoto.length > 0) {
    return [
      block({
        ruleId: 'REG-13-5',
        code: 'E_SIGN_EVIDENCE_REQUIRED',
        article: '13',
        message: {
          zh: '与摄像机关联的提示标识尚无现场照片,须上传照片证明已设置显著提示标识后方可启用',
          en: 'The signs linked to this camera have no photo; upload photo evidence of the conspicuous sign before activation',
        },
        penaltyRef: '13',
        subject,
        gates: ACTIVATE_ONLY,
        refusal: 'PRECONDITION',
        details: { signIds: withoutPhoto },
      }),
    ];
  }
  return [
    block({
      ruleId: 'REG-13-5',
      code: 'E_SIGNAGE_MISSING',
      article: '13',
      message: {
        zh: '摄像机未关联显著提示标识,须设置提示标识并上传照片后方可启用',
        en: 'No conspicuous sign is linked to this camera; put one up and record it with a photo before activation',
      },
      penaltyRef: '13',
      subject,
      gates: ACTIVATE_ONLY,
      refusal: 'PRECONDITION',
    }),
  ];
}

export const signageRule: Rule = {
  name: 'signage',
  evaluate: (ctx) => perCamera(ctx, (camera) => evaluateCamera(camera, ctx.signsFor(camera.id).filter((s) => s.siteId === camera.siteId))),
};
