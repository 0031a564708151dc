/** The system area's function: health and the OpenAPI document: public, no data. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as getHealth } from '../http/get-health.ts';
import { handler as getOpenApiDocument } from '../http/get-openapi-document.ts';

export const handler = areaHandler('system', {
  getHealth,
  getOpenApiDocument,
});
