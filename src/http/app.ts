import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config/schema.ts';
import type { DbHandle } from '../db/connect.ts';
import type { Services } from '../app/services.ts';
import { VERSION } from '../version.ts';
import fastifyCookie from '@fastify/cookie';
import { accessGuard } from './access-guard.ts';
import { videoRefusalRecorder } from './video-refusals.ts';
import { logSerializers } from './log-serializers.ts';
import { bodyLimits } from './body-limits.ts';
import { publicRateLimits } from './public-rate-limit.ts';
import { pgRateLimitStore } from './pg-rate-limit-store.ts';
import { securityHeaders } from './security-headers.ts';
import { PUBLIC } from '../access/route-access.ts';
import { authRoutes } from './routes/auth.ts';
import { setupRoutes } from './routes/setup.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { errorHandler, notFoundHandler } from './error-mapper.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { filingRoutes } from './routes/filings.ts';
import { healthRoutes } from './routes/health.ts';
import { metaRoutes } from './routes/meta.ts';
import { registryRoutes } from './routes/registry.ts';
import { settingsRoutes } from './routes/settings.ts';
import { recordingRoutes } from './routes/recording.ts';
import { metricsRoutes } from './routes/metrics.ts';
import type { RecorderView } from '../recorder/recorder-view.ts';
import { clusterRoutes } from './routes/cluster.ts';
import { localRecorderNodes, type RecorderNodesSource } from '../cluster/recorder-nodes.ts';
import { archiveRoutes } from './routes/archive.ts';
import { signPhotoRoutes } from './routes/sign-photos.ts';
import { floorPlanRoutes } from './routes/floor-plans.ts';
import { putIntoUseRoutes } from './routes/put-into-use.ts';
import { assetRoutes } from './routes/assets.ts';
import { advisoryRoutes } from './routes/advisories.ts';
import { accessAdminRoutes } from './routes/access-admin.ts';
import { registerRoutes } from './routes/register.ts';
import { videoAccessRoutes } from './routes/video-access.ts';
import { auditRoutes } from './routes/audit.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { exportBundleRoutes } from './routes/export-bundles.ts';
import { bundleVerifyRoutes } from './routes/bundle-verify.ts';
import { inspectionRoutes } from './routes/inspection.ts';
import { art21Routes } from './routes/art21-requests.ts';
import { publicReportRoutes } from './routes/public-reports.ts';
import { viewingRoutes } from './routes/viewing.ts';
import { liveRoutes } from './routes/live.ts';
import { endStreamsOnClose } from './open-streams.ts';
import { LiveHub } from '../viewing/live-hub.ts';
import { liveSocketRoutes } from './routes/live-socket.ts';
import fastifyWebsocket from '@fastify/websocket';
import { UNBUILT_PAGE, WEB_DIST } from './web-ui.ts';
import { retentionRoutes } from './routes/retention.ts';
import { releaseRoutes } from './routes/releases.ts';
import { alarmRoutes } from './routes/alarms.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { deviceIdentityRoutes } from './routes/device-identity.ts';
import { onvifRoutes } from './routes/onvif.ts';
import { ptzRoutes } from './routes/ptz.ts';
import { tamperRoutes } from './routes/tamper.ts';
import { gb28181Routes } from './routes/gb28181.ts';
import { stateOrganRoutes } from './routes/state-organ.ts';
import { correctiveOrderRoutes } from './routes/corrective-orders.ts';
import { publicRoutes } from './routes/public.ts';

/** Never in the logs: credentials in headers, and secret fields wherever they appear (query strings: log-serializers.ts). */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-media-token"]',
  'headers["x-media-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...['password', 'currentPassword', 'newPassword', 'totp', 'token', 'secret', 'csrfToken', 'sourceUrl', 'secretAccessKey', 'accessKeyId'].flatMap((f) => [f, `*.${f}`]),
];

export interface AppOptions {
  config: Config;
  db: DbHandle;
  services: Services;
  /** The recording side: this process's recorder, or in a cluster the view of the recorder processes (src/cluster). */
  recorder?: RecorderView | undefined;
  /** The recorder processes for GET /api/cluster/recorders; default: this process with its recorder. */
  recorderNodes?: RecorderNodesSource | undefined;
  /** pino logger options, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.config.log.level,
            redact: { paths: REDACTED, censor: '[redacted]' },
            serializers: logSerializers,
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    bodyLimit: 1024 * 1024,
    // Closing the server ends live streams and other open responses at once instead of waiting for them.
    forceCloseConnections: true,
    // X-Forwarded-For/-Proto are believed only from a proxy named in server.trustProxy (see README).
    trustProxy: options.config.server.trustProxy,
    // Errors the router raises before any route runs (a path parameter over 100 characters, bad
    // content types) get the same {code, messages} body as every other refusal.
    frameworkErrors: (error, request, reply) => {
      void errorHandler(error, request, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  endStreamsOnClose(app);
  await app.register(fastifyCookie);
  // The live wall's WebSocket: the server picks the custos.media subprotocol (the token offered after it
  // is read from the request, never echoed); clients send nothing but control frames.
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024, handleProtocols: (offered) => (offered.has('custos.media') ? 'custos.media' : false) } });
  securityHeaders(app);
  // Cluster mode: the API processes count the public routes' requests together, in PostgreSQL.
  await publicRateLimits(app, options.config.cluster.enabled && options.db.dialect === 'postgres' ? pgRateLimitStore(options.db.db) : undefined);
  bodyLimits(app);
  accessGuard(app, { resolver: options.services.principals, gate: options.services.authorization, videoRefusals: videoRefusalRecorder(options.services.register), inspectorLog: options.services.inspection.logRequest });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custos API',
        version: VERSION,
        description:
          'Custos: a video management system that keeps State Council Order No. 799 (公共安全视频图像信息系统管理条例). ' +
          'Errors are {code, article?, message, messages{zh,en}, details?}.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'custos_session' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, { db: options.db, dataDir: options.config.dataDir });
  metaRoutes(app);
  registryRoutes(app, options.services);
  filingRoutes(app, options.services);
  complianceRoutes(app, options.services);
  settingsRoutes(app, options.config);
  recordingRoutes(app, { db: options.db.db, services: options.services, recorder: options.recorder });
  metricsRoutes(app, { recorder: options.recorder, db: options.db.db, gate: options.services.authorization });
  clusterRoutes(app, { db: options.db.db, services: options.services, recorders: options.recorderNodes ?? localRecorderNodes(options.recorder, { nodeId: options.config.cluster.nodeId, startedAt: new Date() }) });
  putIntoUseRoutes(app, options.services);
  await app.register(archiveRoutes, { services: options.services });
  await app.register(signPhotoRoutes, { services: options.services });
  await app.register(floorPlanRoutes, { services: options.services });
  assetRoutes(app, options.services);
  await app.register(advisoryRoutes, { services: options.services });
  accessAdminRoutes(app, options.services);
  registerRoutes(app, options.services);
  videoAccessRoutes(app, options.services);
  viewingRoutes(app, options.services);
  const liveHub = new LiveHub(options.recorder);
  liveRoutes(app, options.services, liveHub);
  liveSocketRoutes(app, options.services, liveHub);
  retentionRoutes(app, options.services);
  auditRoutes(app, options.services);
  ledgerRoutes(app, options.services);
  exportBundleRoutes(app, options.services);
  stateOrganRoutes(app, options.services);
  correctiveOrderRoutes(app, options.services);
  alarmRoutes(app, options.services);
  webhookRoutes(app, options.services);
  deviceIdentityRoutes(app, options.services);
  onvifRoutes(app, options.services);
  ptzRoutes(app, options.services);
  tamperRoutes(app, options.services);
  gb28181Routes(app, options.services);
  await app.register(bundleVerifyRoutes, { services: options.services });
  authRoutes(app, options.services);
  setupRoutes(app, options.services);
  releaseRoutes(app, options.services);
  tokenRoutes(app, options.services);
  userRoutes(app, options.services);
  art21Routes(app, options.services);
  publicRoutes(app, options.services, options.config);
  publicReportRoutes(app, options.services);
  inspectionRoutes(app, options.services);

  // The React UI built into web/dist (npm start builds it); a page that says how while it is not built.
  if (existsSync(WEB_DIST)) await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: ['index.html'] });
  else app.get('/', { config: { access: PUBLIC }, schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(UNBUILT_PAGE));
  return app;
}
