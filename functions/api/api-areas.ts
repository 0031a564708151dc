/**
 * The bounded contexts the HTTP API is deployed as: one Lambda function per area, each bundling only its area's
 * handler modules (functions/handlers/areas/<area>.ts) and dispatching to them from the one route table (routes.ts).
 * A route belongs to the area whose data and rules it works on, so an area's permissions are the union of what its
 * routes need and a change to one context redeploys one function.
 */
export const apiAreas = {
  system: 'health and the OpenAPI document: public, no data',
  accounts: 'key accounts, their hierarchy, contacts, plans and tiers; people and their roles',
  commercial: 'catalogue, contracts and their approvals, business calendars and SLA policies',
  orders: 'product orders, order commands (hold, resume, amend, retry, cancel), customer acceptance and the fallout queue',
  provisioning: 'signed callbacks from provisioning systems',
  sla: 'SLA jeopardy, escalations, attainment reports and alarm states',
  'event-hub': 'TMF630 hub subscriptions to order events',
} as const;

export type ApiArea = keyof typeof apiAreas;

export const apiAreaNames = Object.keys(apiAreas) as ApiArea[];

/** The area's entry module, relative to the repository root; it exports `handler`. */
export function apiAreaEntry(area: ApiArea): string {
  return `functions/handlers/areas/${area}.ts`;
}
