/** Public release (art. 22): the release register, its redaction job and editor, approval and the released file. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs, SIGNED_IN } from '../../access/route-access.ts';
import {
  addTrackInput,
  atInput,
  detectInput,
  editRecord,
  jobRecord,
  keyframeInput,
  noteInput,
  releaseDetail,
  releaseInput,
  releaseQuery,
  releaseRecord,
  renderJobRecord,
  resolveInput,
  trackParams,
} from '../../disclosure/release/api-schema.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const tags = ['public release'];

export function releaseRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { releases, redactionJobs: jobs } = services;
  const REDACT = { access: needs('REDACT') };

  r.post(
    '/api/releases',
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'ask for a public release of a recorded range (art. 22): basis, purpose, channel', body: releaseInput, response: { 201: releaseRecord } } },
    async (request, reply) => reply.status(201).send(await releases.create(principalOf(request), request.body)),
  );
  r.get(
    '/api/releases',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the release register (REG-22-3): the releases you asked for or whose camera you may export, redact, approve or audit', querystring: releaseQuery, response: { 200: z.array(releaseRecord) } } },
    async (request) => releases.list(principalOf(request), request.query),
  );
  r.get(
    '/api/releases/:id',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'one release: what, channel and URL, date, basis, approver, file hash and manifest', params: idParams, response: { 200: releaseDetail } } },
    async (request) => releases.get(principalOf(request), request.params.id),
  );
  r.post(
    '/api/releases/:id/detect',
    { config: REDACT, schema: { tags, summary: 'start the redaction job: detection of faces, plates and text in the background', params: idParams, body: detectInput, response: { 202: jobRecord } } },
    async (request, reply) => reply.status(202).send(await jobs.start(principalOf(request), request.params.id, request.body)),
  );
  r.get(
    '/api/releases/:id/job',
    { config: { access: SIGNED_IN }, schema: { tags, summary: 'the release’s redaction job: status, progress, tracks, unresolved count, sign-off (REDACT or APPROVE on the camera)', params: idParams, response: { 200: jobRecord } } },
    async (request) => jobs.current(principalOf(request), request.params.id),
  );
  r.post(
    '/api/releases/:id/job/cancel',
    { config: REDACT, schema: { tags, summary: 'cancel the running redaction job', params: idParams, response: { 200: jobRecord } } },
    async (request) => jobs.cancel(principalOf(request), request.params.id),
  );
  r.get(
    '/api/releases/:id/job/edits',
    { config: REDACT, schema: { tags, summary: 'every change made to the job’s tracks: who, when, what', params: idParams, response: { 200: z.array(editRecord) } } },
    async (request) => jobs.edits(principalOf(request), request.params.id),
  );
  r.post(
    '/api/releases/:id/tracks',
    { config: REDACT, schema: { tags, summary: 'add a box: a new MANUAL track (masked) with one keyframe', params: idParams, body: addTrackInput, response: { 201: jobRecord } } },
    async (request, reply) => reply.status(201).send(await jobs.edit(principalOf(request), request.params.id, { action: 'ADD', ...request.body })),
  );
  r.put(
    '/api/releases/:id/tracks/:trackId/keyframes',
    { config: REDACT, schema: { tags, summary: 'set the track’s box at instant t (move it there, or add a keyframe)', params: trackParams, body: keyframeInput, response: { 200: jobRecord } } },
    async (request) => jobs.edit(principalOf(request), request.params.id, { action: 'SET_KEYFRAME', trackId: request.params.trackId, keyframe: request.body }),
  );
  r.post(
    '/api/releases/:id/tracks/:trackId/keyframes/delete',
    { config: REDACT, schema: { tags, summary: 'remove the track’s keyframe at instant t', params: trackParams, body: atInput, response: { 200: jobRecord } } },
    async (request) => jobs.edit(principalOf(request), request.params.id, { action: 'DELETE_KEYFRAME', trackId: request.params.trackId, t: request.body.t }),
  );
  r.post(
    '/api/releases/:id/tracks/:trackId/extend',
    { config: REDACT, schema: { tags, summary: 'extend the track to instant t with the box of its nearest end', params: trackParams, body: atInput, response: { 200: jobRecord } } },
    async (request) => jobs.edit(principalOf(request), request.params.id, { action: 'EXTEND', trackId: request.params.trackId, t: request.body.t }),
  );
  r.delete(
    '/api/releases/:id/tracks/:trackId',
    { config: REDACT, schema: { tags, summary: 'delete a track (a false detection)', params: trackParams, response: { 200: jobRecord } } },
    async (request) => jobs.edit(principalOf(request), request.params.id, { action: 'DELETE', trackId: request.params.trackId }),
  );
  r.post(
    '/api/releases/:id/tracks/:trackId/resolve',
    { config: REDACT, schema: { tags, summary: 'resolve a track: MASK, or JUSTIFIED (left visible) with a reason', params: trackParams, body: resolveInput, response: { 200: jobRecord } } },
    async (request) => jobs.edit(principalOf(request), request.params.id, { action: 'RESOLVE', trackId: request.params.trackId, ...request.body }),
  );
  r.post(
    '/api/releases/:id/sign-off',
    { config: REDACT, schema: { tags, summary: 'the reviewer signs that every detection is masked or justified (REG-22-1)', params: idParams, response: { 200: jobRecord } } },
    async (request) => jobs.signOff(principalOf(request), request.params.id),
  );
  r.post(
    '/api/releases/:id/approve',
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'approve a signed-off release (four eyes: not the requester)', params: idParams, body: noteInput, response: { 200: releaseRecord } } },
    async (request) => releases.approve(principalOf(request), request.params.id, request.body.note),
  );
  r.post(
    '/api/releases/:id/reject',
    { config: { access: needs('APPROVE') }, schema: { tags, summary: 'reject a release', params: idParams, body: noteInput, response: { 200: releaseRecord } } },
    async (request) => releases.reject(principalOf(request), request.params.id, request.body.note),
  );
  r.post(
    '/api/releases/:id/publish',
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'publish (once): start the render job; when it ends the redacted file, its hash, the manifest and the EXPORT entry are stored together', params: idParams, response: { 202: renderJobRecord } } },
    async (request, reply) => reply.status(202).send(await releases.publish(principalOf(request), request.params.id)),
  );
  r.get(
    '/api/releases/:id/render',
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'the release’s latest render job: status, progress (phase, done, total), error', params: idParams, response: { 200: renderJobRecord } } },
    async (request) => releases.render(principalOf(request), request.params.id),
  );
  r.post(
    '/api/releases/:id/render/cancel',
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'cancel the running render: no file, no register entry; the release stays approved', params: idParams, response: { 200: renderJobRecord } } },
    async (request) => releases.cancelRender(principalOf(request), request.params.id),
  );
  r.get(
    '/api/releases/:id/file',
    { config: { access: needs('EXPORT') }, schema: { tags, summary: 'download the released (redacted) file, never the original; registered as an EXPORT', params: idParams } },
    async (request, reply) => {
      const file = await releases.download(principalOf(request), request.params.id);
      return reply
        .header('content-type', 'video/mp4')
        .header('content-length', String(file.bytes))
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-custos-sha256', file.sha256)
        .header('x-custos-register-entry', file.registerEntryId)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
}
