/** The commercial area's function: catalogue, contracts and their approvals, business calendars and SLA policies. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as listProducts } from '../http/list-products.ts';
import { handler as getProduct } from '../http/get-product.ts';
import { handler as updateProduct } from '../http/update-product.ts';
import { handler as createContract } from '../http/create-contract.ts';
import { handler as listAccountContracts } from '../http/list-account-contracts.ts';
import { handler as getContract } from '../http/get-contract.ts';
import { handler as listContracts } from '../http/list-contracts.ts';
import { handler as listSlaPolicies } from '../http/list-sla-policies.ts';
import { handler as getSlaPolicy } from '../http/get-sla-policy.ts';
import { handler as listCalendars } from '../http/list-calendars.ts';
import { handler as getCalendar } from '../http/get-calendar.ts';
import { handler as saveCalendarOverrides } from '../http/save-calendar-overrides.ts';
import { handler as listApprovals } from '../http/list-approvals.ts';
import { handler as decideContract } from '../http/decide-contract.ts';

export const handler = areaHandler('commercial', {
  listProducts,
  getProduct,
  updateProduct,
  createContract,
  listAccountContracts,
  getContract,
  listContracts,
  listSlaPolicies,
  getSlaPolicy,
  listCalendars,
  getCalendar,
  saveCalendarOverrides,
  listApprovals,
  decideContract,
});
