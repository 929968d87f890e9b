/** The release API's answers, from the generated schema. */
import type { ResponseOf } from '../../api/http.ts';

export type ReleaseRow = ResponseOf<'/api/releases'>[number];
export type ReleaseDetail = ResponseOf<'/api/releases/{id}'>;
export type Job = ResponseOf<'/api/releases/{id}/job'>;
export type Track = Job['tracks'][number];
export type Clip = NonNullable<Job['clip']>;

export const RUNNING = (job: Job | undefined): boolean => job?.status === 'QUEUED' || job?.status === 'RUNNING';
export type RenderJob = ResponseOf<'/api/releases/{id}/render'>;

export const RENDERING = (job: RenderJob | undefined): boolean => job?.status === 'QUEUED' || job?.status === 'RUNNING';
