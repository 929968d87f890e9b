/**
 * The typed API client: paths, parameters, bodies and answers come from `schema.d.ts`, which
 * `npm run generate` writes from the server's OpenAPI document. A call the API would refuse as
 * malformed does not type-check here.
 */
import createClient from 'openapi-fetch';
import { ApiError, csrfHeader } from './client.ts';
import type { paths } from './schema.d.ts';

export const http = createClient<paths>({ credentials: 'same-origin' });

http.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(csrfHeader(request.method))) request.headers.set(name, value);
    return request;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or the domain error as an ApiError. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error ?? {});
  return data as T;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a path answers with on success. */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : never
  : never;

/** The JSON body a path accepts. */
export type BodyOf<P extends keyof paths, M extends Method = 'post'> = paths[P][M] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a path accepts. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
