/**
 * Art. 21 test helpers over the video test app: an intake body (a parent looking for a missing
 * child), and the people at the counter: a desk officer (INVESTIGATOR over G1: PLAYBACK, EXPORT) who
 * takes in and supervises, and the tester (ADMINISTRATOR over ALL) who decides.
 */
import type { VideoEnv } from '../access/video-access-support.ts';

export const INCIDENT = '2025-06-01T15:00:00+08:00';
export const PROOF = Buffer.from('%PDF-1.4 户口簿 父母子女关系证明 test proof\n');

export function intakeBody(env: VideoEnv, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    unitId: env.unitId,
    requester: { name: '王秀英', idType: 'RESIDENT_ID', idNumber: '110101198001011234' },
    relationship: 'CLOSE_RELATIVE',
    relationshipSubtype: '父母',
    purpose: 'LIFE_HEALTH',
    purposeDescription: '孩子走失,需确认其离开商场的时间和方向',
    relatedPerson: '李小明(8岁)',
    incidentAt: INCIDENT,
    incidentPlace: '某商场一层东门',
    documents: [{ kind: 'RELATIONSHIP', fileName: '户口簿.pdf', mediaType: 'application/pdf', contentBase64: PROOF.toString('base64') }],
    ...overrides,
  };
}

export interface Counter {
  desk: Awaited<ReturnType<VideoEnv['user']>>;
  call: ReturnType<VideoEnv['as']>;
}

export async function counter(env: VideoEnv): Promise<Counter> {
  const desk = await env.user({ displayName: '前台值班员', grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
  return { desk, call: env.as(desk.headers) };
}
