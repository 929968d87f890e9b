/** Sign-in, sign-out, who am I, TOTP enrolment and the user's own password. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { loginInput } from '../../access/accounts/auth-service.ts';
import { totpConfirmInput } from '../../access/accounts/totp-service.ts';
import { passwordChangeInput, userView } from '../../access/accounts/user-model.ts';
import { ACTIONS } from '../../access/actions.ts';
import { PUBLIC, SIGNED_IN } from '../../access/route-access.ts';
import { SESSION_COOKIE } from '../access-guard.ts';
import { principalOf } from '../principal-of.ts';
import { actorOf } from '../request-context.ts';

const tags = ['auth'];
const own = { access: SIGNED_IN, totpEnrollment: true };
const loginResponse = z.object({ user: userView, csrfToken: z.string(), expiresAt: z.string(), totpEnrollmentRequired: z.boolean() });
const sessionResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string(),
    kind: z.enum(['STAFF', 'CONTRACTOR']),
  }),
  via: z.enum(['session', 'token']),
  actions: z.array(z.enum(ACTIONS)),
  csrfToken: z.string().nullable(),
  totpEnrollmentRequired: z.boolean(),
  /** Present for an inspector account (art. 24): the officer, organ, warrant and the end of the window. */
  inspector: z.object({ officerName: z.string(), organ: z.string(), warrantRef: z.string(), validTo: z.string() }).optional(),
});

function cookieOptions(request: FastifyRequest, expires?: Date) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: request.protocol === 'https', ...(expires ? { expires } : {}) };
}

export function authRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', { config: { access: PUBLIC }, schema: { tags, body: loginInput, response: { 200: loginResponse } } }, async (request, reply) => {
    const result = await services.auth.login(request.body, { address: request.ip, userAgent: request.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, result.cookie, cookieOptions(request, new Date(result.expiresAt)));
    const totpEnrollmentRequired = await services.auth.totpEnrollmentRequired(result.user);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt, totpEnrollmentRequired };
  });

  r.post('/api/auth/logout', { config: { ...own, inspectorMay: true }, schema: { tags } }, async (request, reply: FastifyReply) => {
    const principal = principalOf(request);
    if (principal.sessionId) await services.auth.logout(principal.sessionId);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return reply.status(204).send();
  });

  r.get('/api/auth/session', { config: own, schema: { tags, response: { 200: sessionResponse } } }, async (request) => {
    const p = principalOf(request);
    return {
      user: { id: p.userId, username: p.username, displayName: p.displayName, unitId: p.unitId, unitName: p.unitName, kind: p.kind },
      via: p.via,
      actions: await services.auth.actionsOf(p.userId),
      csrfToken: request.caller?.csrfToken ?? null,
      totpEnrollmentRequired: request.caller?.totpEnrollmentPending ?? false,
      ...(p.inspector ? { inspector: { officerName: p.inspector.officerName, organ: p.inspector.organ, warrantRef: p.inspector.warrantRef, validTo: p.inspector.validTo } } : {}),
    };
  });

  r.post(
    '/api/auth/totp/enroll',
    { config: { ...own, inspectorMay: true }, schema: { tags, description: 'A new TOTP secret and its otpauth:// URI, shown this once', response: { 200: z.object({ secret: z.string(), uri: z.string() }) } } },
    async (request) => services.totp.enroll(principalOf(request).userId),
  );
  r.post('/api/auth/totp/confirm', { config: { ...own, inspectorMay: true }, schema: { tags, body: totpConfirmInput } }, async (request, reply) => {
    const principal = principalOf(request);
    await services.totp.confirm(principal.userId, request.body, actorOf(request), principal.sessionId);
    return reply.status(204).send();
  });

  // An inspector sets their own password and second factor, so that the account's log is theirs alone.
  r.post('/api/auth/password', { config: { access: SIGNED_IN, inspectorMay: true }, schema: { tags, body: passwordChangeInput } }, async (request, reply) => {
    const principal = principalOf(request);
    await services.users.changeOwnPassword(principal.userId, request.body, actorOf(request), principal.sessionId);
    return reply.status(204).send();
  });
}
