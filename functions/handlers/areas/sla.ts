/** The sla area's function: SLA jeopardy, escalations, attainment reports and alarm states. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as listAtRisk } from '../http/list-at-risk.ts';
import { handler as listEscalations } from '../http/list-escalations.ts';
import { handler as getEscalation } from '../http/get-escalation.ts';
import { handler as acknowledgeEscalation } from '../http/acknowledge-escalation.ts';
import { handler as getSlaReport } from '../http/get-sla-report.ts';
import { handler as listAlarmStates } from '../http/list-alarm-states.ts';

export const handler = areaHandler('sla', {
  listAtRisk,
  listEscalations,
  getEscalation,
  acknowledgeEscalation,
  getSlaReport,
  listAlarmStates,
});
