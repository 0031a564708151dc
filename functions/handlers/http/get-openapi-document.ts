import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { buildOpenApiDocument } from '../../api/openapi.ts';

let document: Record<string, unknown> | undefined;

/** Locally the configured URL; on AWS the address the document was fetched at (its API and stage). */
function serverUrlOf(event: APIGatewayProxyEvent): string | undefined {
  if (process.env.PUBLIC_API_URL) return process.env.PUBLIC_API_URL;
  const { domainName, stage } = event.requestContext;
  return domainName ? `https://${domainName}/${stage}` : undefined;
}

export const handler = httpHandler(routeFor('getOpenApiDocument'), async ({ event }) => {
  document ??= buildOpenApiDocument(serverUrlOf(event));
  return { statusCode: 200, body: document };
});
