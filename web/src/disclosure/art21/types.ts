/** The API shapes this page uses, from the generated schema. */
import type { BodyOf, ResponseOf } from '../../api/http.ts';

export type Art21Request = ResponseOf<'/api/art21-requests/{id}'>;
export type OpenedSession = ResponseOf<'/api/art21-requests/{id}/sessions', 'post'>;
export type IntakeBody = BodyOf<'/api/art21-requests'>;
export type ScopeWindow = { cameraId: string; from: string; to: string };
