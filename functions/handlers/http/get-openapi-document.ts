import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { buildOpenApiDocument } from '../../api/openapi.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(routeFor('getOpenApiDocument'), async () => {
  document ??= buildOpenApiDocument(process.env.PUBLIC_API_URL);
  return { statusCode: 200, body: document };
});
