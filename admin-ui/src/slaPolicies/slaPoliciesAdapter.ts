import type { AdapterContext, ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { wholeListAdapter } from '../dataProvider/wholeListAdapter.ts';

/** `sla-policies` → `/api/sla-policies`: the current version of each policy, answered whole; one with all its versions. */
export function slaPoliciesAdapter({ client }: AdapterContext): ResourceAdapter {
  return wholeListAdapter(client, '/api/sla-policies', 'SLA policy');
}
