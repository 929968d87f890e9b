/**
 * The route guard. Every /api/ route and /metrics declares `config.access` (src/access/route-access.ts),
 * or the app refuses to build. Each request's principal comes from the `custos_session` cookie or a
 * bearer API token; cookie sessions must echo their CSRF token on every state-changing request.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { ResolvedCaller } from '../access/accounts/principal-resolver.ts';
import type { AccessGate } from '../access/camera-permission.ts';
import type { Principal } from '../access/principal.ts';
import type { RouteAccess } from '../access/route-access.ts';
import { sameSecret } from '../access/accounts/secrets.ts';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.ts';
import type { Operation } from '../access/register/model.ts';
import type { VideoRefusalRecorder } from './video-refusals.ts';

export const SESSION_COOKIE = 'custos_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Swagger UI's own pages and assets are public; the guarded surface is the rest of /api/ and /metrics. */
const DOCS = /^\/api\/docs(\/|$)/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open while a role asks for TOTP and the session has not enrolled yet (enrolment, session, sign-out). */
    totpEnrollment?: boolean;
    /** A route that hands out video: a refusal at the gate is a DENIAL entry of this operation (REG-16-3). */
    videoOperation?: Operation;
    /** A state-changing route an inspector may still call (sign-out, generating an inspection package): REG-24-1. */
    inspectorMay?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    caller: ResolvedCaller | null;
    videoRefusal: ForbiddenError | null;
  }
}

export class MissingRouteAccessError extends Error {
  readonly code = 'E_ROUTE_ACCESS_MISSING';
}

export interface CallerResolver {
  fromCookie(cookie: string, clientAddress: string): Promise<ResolvedCaller>;
  fromBearer(bearer: string, clientAddress: string): Promise<ResolvedCaller>;
}

function guarded(url: string): boolean {
  return (url.startsWith('/api/') || url === '/metrics') && !DOCS.test(url);
}

async function resolveCaller(request: FastifyRequest, resolver: CallerResolver): Promise<ResolvedCaller | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError('E_UNAUTHENTICATED', { message: { zh: '访问令牌格式不正确', en: 'Malformed Authorization header' } });
    return resolver.fromBearer(match[1], request.ip);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? resolver.fromCookie(cookie, request.ip) : null;
}

function requireCsrf(request: FastifyRequest, caller: ResolvedCaller): void {
  if (caller.principal.via !== 'session' || SAFE_METHODS.has(request.method)) return;
  const presented = request.headers[CSRF_HEADER];
  if (typeof presented !== 'string' || !caller.csrfToken || !sameSecret(presented, caller.csrfToken)) {
    throw new ForbiddenError('E_CSRF', {
      message: { zh: '请求缺少有效的 CSRF 令牌', en: 'The request lacks a valid CSRF token (x-csrf-token header)' },
    });
  }
}

/** One guarded route as registered: what the authorisation matrix test walks. */
export interface GuardedRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const routeTables = new WeakMap<FastifyInstance, GuardedRoute[]>();

/** Every guarded route of an app built with accessGuard, in registration order (HEAD twins left out). */
export function guardedRoutes(app: FastifyInstance): readonly GuardedRoute[] {
  return routeTables.get(app) ?? [];
}

/** What an inspector's request did, for the audit log (REG-24-1: every view is logged). */
export interface InspectorRequest {
  method: string;
  route: string;
  url: string;
  params: Record<string, unknown>;
  statusCode: number;
}

export type InspectorRequestLog = (principal: Principal, request: InspectorRequest) => Promise<void>;

function inspectorReadOnly(): ForbiddenError {
  return new ForbiddenError('E_INSPECTOR_READ_ONLY', {
    article: '24',
    message: { zh: '监督检查账户只能查阅,不能更改任何内容', en: 'An inspector account reads only: it cannot change anything' },
  });
}

/**
 * Viewing is not changing: live view and playback requested through /api/access/ stay open to an inspector,
 * so that a unit may grant one LIVE or PLAYBACK separately (the gate and the access register decide), and
 * so does ending such an access (a CLOSE entry of the inspector's own).
 */
function inspectorMayView(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  if (url === '/api/access/:entryId/close') return true;
  const operation = request.routeOptions.config.videoOperation;
  return (operation === 'PLAYBACK' || operation === 'LIVE_ADHOC') && url.startsWith('/api/access/');
}

export function accessGuard(
  app: FastifyInstance,
  deps: { resolver: CallerResolver; gate: AccessGate; videoRefusals?: VideoRefusalRecorder; inspectorLog?: InspectorRequestLog },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('caller', null);
  app.decorateRequest('videoRefusal', null);
  const table: GuardedRoute[] = [];
  routeTables.set(app, table);

  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url;
    if (!guarded(url)) return;
    const access = route.config?.access;
    if (!access) throw new MissingRouteAccessError(`${String(route.method)} ${url} declares no config.access (see src/access/route-access.ts)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url, access });
  });

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    const access: RouteAccess | undefined = request.routeOptions.config.access;
    if (!access && !guarded(path)) return;
    if (access?.kind === 'public' || access?.kind === 'media') return;
    const caller = await resolveCaller(request, deps.resolver);
    if (!caller) throw new UnauthenticatedError('E_UNAUTHENTICATED', { message: { zh: '请先登录', en: 'Sign in first' } });
    request.caller = caller;
    request.principal = caller.principal;
    requireCsrf(request, caller);
    if (caller.principal.inspector && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.inspectorMay && !inspectorMayView(request)) throw inspectorReadOnly();
    if (caller.totpEnrollmentPending && !request.routeOptions.config.totpEnrollment) {
      throw new ForbiddenError('E_TOTP_ENROLLMENT_REQUIRED', {
        message: { zh: '您的角色要求动态验证码:请先完成绑定', en: 'Your role requires a one-time code: enrol your authenticator first' },
      });
    }
    if (!access || access.kind === 'authenticated') await deps.gate.requireRead(caller.principal);
    else if (access.kind === 'administration') await deps.gate.requireAdministration(caller.principal);
    else {
      try {
        await deps.gate.requireAction(caller.principal, access.action);
      } catch (error) {
        // A refused request for video is written to the register once its body is read (preValidation).
        const operation = request.routeOptions.config.videoOperation;
        if (!(error instanceof ForbiddenError) || !operation || !deps.videoRefusals) throw error;
        request.videoRefusal = error;
      }
    }
  });

  // Before the answer leaves (not after): a view that could not be logged is not answered.
  app.addHook('onSend', async (request, reply, payload) => {
    const principal = request.principal;
    if (!principal?.inspector || !deps.inspectorLog) return payload;
    await deps.inspectorLog(principal, {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
      url: request.url,
      params: (request.params ?? {}) as Record<string, unknown>,
      statusCode: reply.statusCode,
    });
    return payload;
  });

  app.addHook('preValidation', async (request) => {
    const refusal = request.videoRefusal;
    const operation = request.routeOptions.config.videoOperation;
    if (!refusal || !operation || !request.principal) return;
    await deps.videoRefusals?.(request.principal, operation, request.body, refusal);
    throw refusal;
  });
}
