import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config/schema.ts';
import type { DbHandle } from '../db/connect.ts';
import type { Services } from '../app/services.ts';
import { VERSION } from '../version.ts';
import { requireApiToken } from './auth.ts';
import { errorHandler } from './error-mapper.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { filingRoutes } from './routes/filings.ts';
import { healthRoutes } from './routes/health.ts';
import { metaRoutes } from './routes/meta.ts';
import { registryRoutes } from './routes/registry.ts';
import { settingsRoutes } from './routes/settings.ts';
import { recordingRoutes } from './routes/recording.ts';
import { metricsRoutes } from './routes/metrics.ts';
import type { RecorderService } from '../recorder/recorder-service.ts';
import { archiveRoutes } from './routes/archive.ts';
import { putIntoUseRoutes } from './routes/put-into-use.ts';
import { assetRoutes } from './routes/assets.ts';
import { advisoryRoutes } from './routes/advisories.ts';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

export interface AppOptions {
  config: Config;
  db: DbHandle;
  services: Services;
  /** The running recorder, when recording is enabled. */
  recorder?: RecorderService;
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
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.sourceUrl'], censor: '[redacted]' },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

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
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  requireApiToken(app, options.config.auth.apiToken);
  healthRoutes(app, { db: options.db, dataDir: options.config.dataDir });
  metaRoutes(app);
  registryRoutes(app, options.services);
  filingRoutes(app, options.services);
  complianceRoutes(app, options.services);
  settingsRoutes(app, { apiTokenSet: Boolean(options.config.auth.apiToken) });
  recordingRoutes(app, { db: options.db.db, services: options.services, recorder: options.recorder });
  metricsRoutes(app, options.recorder);
  putIntoUseRoutes(app, options.services);
  await app.register(archiveRoutes, { services: options.services });
  assetRoutes(app, options.services);
  await app.register(advisoryRoutes, { services: options.services });

  await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', index: ['index.html'] });
  return app;
}
