/**
 * The console's data provider: react-admin's conventions (baseDataProvider.ts) over the adapter each resource folder
 * keeps beside its pages, plus the calls that are not react-admin's (order commands, contacts, approvals, calendar
 * years, SLA lists and reports), each also from its folder.
 *
 * Cursor pagination is presented to react-admin as partial pagination (`pageInfo`, no `total`); see cursorPages.ts.
 * Errors arrive as `HttpError` with the API's message; on create they also carry form field errors (httpClient.ts).
 */
import type { DataProvider } from 'react-admin';
import { accountCalls, accountsAdapter, type AccountCalls } from '../accounts/accountsAdapter.ts';
import { approvalCalls, type ApprovalCalls } from '../approvals/approvalsAdapter.ts';
import { atRiskCalls, type AtRiskCalls } from '../atRisk/atRiskAdapter.ts';
import { calendarCalls, calendarsAdapter, type CalendarCalls } from '../calendars/calendarsAdapter.ts';
import { contractsAdapter } from '../contracts/contractsAdapter.ts';
import { escalationCalls, type EscalationCalls } from '../escalations/escalationsAdapter.ts';
import { falloutAdapter } from '../fallout/falloutAdapter.ts';
import { orderCalls, ordersAdapter, type OrderCalls } from '../orders/ordersAdapter.ts';
import { productsAdapter } from '../products/productsAdapter.ts';
import { slaPoliciesAdapter } from '../slaPolicies/slaPoliciesAdapter.ts';
import { slaReportCalls, type SlaReportCalls } from '../slaDashboard/slaDashboardAdapter.ts';
import { usersAdapter } from '../users/usersAdapter.ts';
import { createBaseDataProvider } from './baseDataProvider.ts';
import { CursorPages } from './cursorPages.ts';
import { createApiClient, type TokenSource } from './httpClient.ts';
import type { AdapterContext } from './resourceAdapter.ts';

export type KamflowDataProvider = DataProvider &
  OrderCalls &
  AccountCalls &
  ApprovalCalls &
  CalendarCalls &
  AtRiskCalls &
  EscalationCalls &
  SlaReportCalls & {
    /** Drops every listing's cursors: called when the person signing in changes, whose reach differs. */
    forgetCursors(): void;
  };

export function createKamflowDataProvider(apiUrl: string, token: TokenSource): KamflowDataProvider {
  const client = createApiClient(apiUrl, token);
  let pages = new CursorPages();
  const context: AdapterContext = { client, pages: () => pages };
  // Keyed by the `<Resource name>` in App.tsx.
  const base = createBaseDataProvider({
    orders: ordersAdapter(context),
    accounts: accountsAdapter(context),
    contracts: contractsAdapter(context),
    products: productsAdapter(context),
    'sla-policies': slaPoliciesAdapter(context),
    calendars: calendarsAdapter(context),
    fallout: falloutAdapter(context),
    users: usersAdapter(context),
  });
  return {
    ...base,
    ...orderCalls(client),
    ...accountCalls(client),
    ...approvalCalls(client),
    ...calendarCalls(client),
    ...atRiskCalls(client),
    ...escalationCalls(client),
    ...slaReportCalls(client, apiUrl, token),
    forgetCursors() {
      pages = new CursorPages();
    },
  };
}
