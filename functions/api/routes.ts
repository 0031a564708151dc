/**
 * Every HTTP route, declared once. CDK (infra/stacks/api-stack.ts) builds the API Gateway definition from this list,
 * pointing each route at its area's function (api-areas.ts), which dispatches to the route's handler module by this
 * same list (area-router.ts); the local API Gateway (local/api-gateway.ts) invokes the same area entries;
 * functions/api/openapi.ts documents it.
 */
import type { z } from 'zod';
import type { ApiArea } from './api-areas.ts';
import type { Permission } from '../domain/people.ts';
import { idempotencyHeadersSchema, listQuerySchema } from './schemas/common.ts';
import {
  accountPageSchema,
  accountPathSchema,
  accountSchema,
  createAccountSchema,
  tierEvaluationSchema,
  tierHistorySchema,
  tierOverrideSchema,
  updateAccountSchema,
  listAccountsQuerySchema,
} from './schemas/accounts.ts';
import { createContactSchema, contactListSchema, contactSchema } from './schemas/contacts.ts';
import { productListSchema, productDetailSchema, productPathSchema, updateProductSchema } from './schemas/products.ts';
import { createProductOrderSchema, listOrdersQuerySchema, orderPathSchema, productOrderSchema } from './schemas/product-orders.ts';
import {
  holdRequestSchema,
  noteRequestSchema,
  amendmentSchema,
  cancelProductOrderSchema,
  cancelProductOrderPathSchema,
  cancelProductOrderViewSchema,
} from './schemas/order-commands.ts';
import { acceptanceDecisionSchema, acceptanceResultSchema } from './schemas/acceptance.ts';
import { networkBuildConfirmationSchema } from './schemas/network-builds.ts';
import { callbackPathSchema, callbackResultSchema, provisioningCallbackSchema } from './schemas/provisioning.ts';
import { healthSchema } from './schemas/health.ts';
import { currentUserSchema, userPageSchema } from './schemas/people.ts';
import { createUserSchema, updateUserSchema, userPathSchema, managedUserSchema } from './schemas/users.ts';
import { customerPlanSchema, planPathSchema, savePlanSchema } from './schemas/customer-plans.ts';
import { contractDecisionSchema, contractPageSchema, contractPathSchema, contractSchema, createContractSchema } from './schemas/contracts.ts';
import { atRiskListSchema, atRiskQuerySchema, escalationPageSchema, escalationPathSchema, escalationSchema } from './schemas/sla-jeopardy.ts';
import { hubSubscriptionRequestSchema, hubPathSchema, hubSubscriptionSchema, hubSubscriptionPageSchema } from './schemas/hub.ts';
import { slaReportQuerySchema, slaReportSchema, alarmStateListSchema } from './schemas/sla-reports.ts';
import { slaPolicyListSchema, slaPolicyPathSchema, slaPolicyDetailSchema } from './schemas/sla-policies.ts';
import {
  calendarListSchema,
  calendarPathSchema,
  calendarYearQuerySchema,
  calendarYearSchema,
  calendarOverridesSchema,
  savedCalendarOverridesSchema,
} from './schemas/calendars.ts';
import { tmfCancelProductOrderPath, tmfHubPath, tmfProductOrderPath } from './tmf-paths.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route. `public` routes carry no data; `provisioning-system` routes need a signed request. */
export type RouteAuth = 'public' | 'user' | 'provisioning-system';

export interface RouteDefinition {
  /** Unique, camelCase; also the OpenAPI operationId and the Lambda function's logical id. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/api/accounts/{id}`. */
  readonly path: string;
  /** The bounded context whose function serves the route (api-areas.ts). */
  readonly area: ApiArea;
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly handler: string;
  readonly auth: RouteAuth;
  /** For user routes: what the caller's roles must allow (row-level access is checked by the service). */
  readonly permission?: Permission;
  readonly summary: string;
  readonly tag: string;
  readonly request?: {
    readonly params?: z.ZodObject;
    readonly query?: z.ZodObject;
    readonly headers?: z.ZodObject;
    readonly body?: z.ZodType;
  };
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: z.ZodType }>>;
}

// Defined in tmf-paths.ts so the console can share them; the functions keep reading them from the route table.
export { tmfCancelProductOrderPath, tmfHubPath, tmfProductOrderPath };

export const routes = [
  {
    operationId: 'getHealth', area: 'system', method: 'GET', path: '/health', handler: 'functions/handlers/http/get-health.ts', auth: 'public',
    summary: 'Liveness of the API', tag: 'system', responses: { 200: { description: 'Healthy', schema: healthSchema } },
  },
  {
    operationId: 'getOpenApiDocument', area: 'system', method: 'GET', path: '/openapi.json', handler: 'functions/handlers/http/get-openapi-document.ts', auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document', tag: 'system', responses: { 200: { description: 'OpenAPI document' } },
  },
  {
    operationId: 'listProducts', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/products', handler: 'functions/handlers/http/list-products.ts', auth: 'user',
    summary: 'Circuit products, current catalogue version: bandwidths, list prices and stage templates', tag: 'catalogue',
    responses: { 200: { description: 'Catalogue', schema: productListSchema } },
  },
  {
    operationId: 'getProduct', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/products/{id}', handler: 'functions/handlers/http/get-product.ts', auth: 'user',
    summary: 'One product, current version and every earlier one', tag: 'catalogue', request: { params: productPathSchema },
    responses: { 200: { description: 'The product', schema: productDetailSchema } },
  },
  {
    operationId: 'updateProduct', area: 'commercial', permission: 'catalogue:write', method: 'PUT', path: '/api/products/{id}', handler: 'functions/handlers/http/update-product.ts', auth: 'user',
    summary: 'Save a new catalogue version of a product (prices, stage template), quoting the version read; orders keep the version they were placed with', tag: 'catalogue',
    request: { params: productPathSchema, body: updateProductSchema },
    responses: { 200: { description: 'The new version', schema: productDetailSchema } },
  },
  {
    operationId: 'createAccount', area: 'accounts', permission: 'accounts:create', method: 'POST', path: '/api/accounts', handler: 'functions/handlers/http/create-account.ts', auth: 'user',
    summary: 'Create a key account', tag: 'accounts', request: { body: createAccountSchema },
    responses: { 201: { description: 'Created', schema: accountSchema } },
  },
  {
    operationId: 'listAccounts', area: 'accounts', permission: 'accounts:read', method: 'GET', path: '/api/accounts', handler: 'functions/handlers/http/list-accounts.ts', auth: 'user',
    summary: 'Key accounts, newest first, a page at a time (roots=true: only the tops of the hierarchy)', tag: 'accounts', request: { query: listAccountsQuerySchema },
    responses: { 200: { description: 'A page of accounts', schema: accountPageSchema } },
  },
  {
    operationId: 'getAccount', area: 'accounts', permission: 'accounts:read', method: 'GET', path: '/api/accounts/{id}', handler: 'functions/handlers/http/get-account.ts', auth: 'user',
    summary: 'One key account, with revenue and open orders rolled up over its branches', tag: 'accounts', request: { params: accountPathSchema },
    responses: { 200: { description: 'The account', schema: accountSchema } },
  },
  {
    operationId: 'updateAccount', area: 'accounts', permission: 'accounts:update', method: 'PATCH', path: '/api/accounts/{id}', handler: 'functions/handlers/http/update-account.ts', auth: 'user',
    summary: 'Change an account, quoting the version read (409 when someone else changed it first)', tag: 'accounts',
    request: { params: accountPathSchema, body: updateAccountSchema },
    responses: { 200: { description: 'The changed account', schema: accountSchema } },
  },
  {
    operationId: 'listAccountChildren', area: 'accounts', permission: 'accounts:read', method: 'GET', path: '/api/accounts/{id}/children', handler: 'functions/handlers/http/list-account-children.ts', auth: 'user',
    summary: 'Branches of an account (group → provincial → city), each with its roll-up', tag: 'accounts', request: { params: accountPathSchema, query: listQuerySchema },
    responses: { 200: { description: 'A page of branches', schema: accountPageSchema } },
  },
  {
    operationId: 'getTierHistory', area: 'accounts', permission: 'accounts:read', method: 'GET', path: '/api/accounts/{id}/tier-history', handler: 'functions/handlers/http/get-tier-history.ts', auth: 'user',
    summary: 'Every change of the account tier with rule version, who and why', tag: 'accounts', request: { params: accountPathSchema },
    responses: { 200: { description: 'Tier history', schema: tierHistorySchema } },
  },
  {
    operationId: 'overrideTier', area: 'accounts', permission: 'accounts:override-tier', method: 'POST', path: '/api/accounts/{id}/tier-override', handler: 'functions/handlers/http/override-tier.ts', auth: 'user',
    summary: "A supervisor's manual tier override, with a reason", tag: 'accounts', request: { params: accountPathSchema, body: tierOverrideSchema },
    responses: { 200: { description: 'The account with its new tier', schema: accountSchema } },
  },
  {
    operationId: 'evaluateTiers', area: 'accounts', permission: 'accounts:evaluate-tiers', method: 'POST', path: '/api/tiering/evaluations', handler: 'functions/handlers/http/evaluate-tiers.ts', auth: 'user',
    summary: 'Re-evaluate every account with the current tiering rule', tag: 'accounts',
    responses: { 200: { description: 'What changed', schema: tierEvaluationSchema } },
  },
  {
    operationId: 'listContacts', area: 'accounts', permission: 'contacts:read', method: 'GET', path: '/api/accounts/{id}/contacts', handler: 'functions/handlers/http/list-contacts.ts', auth: 'user',
    summary: 'Contacts of an account', tag: 'accounts', request: { params: accountPathSchema },
    responses: { 200: { description: 'Contacts', schema: contactListSchema } },
  },
  {
    operationId: 'createContact', area: 'accounts', permission: 'contacts:write', method: 'POST', path: '/api/accounts/{id}/contacts', handler: 'functions/handlers/http/create-contact.ts', auth: 'user',
    summary: 'Add a contact to an account', tag: 'accounts', request: { params: accountPathSchema, body: createContactSchema },
    responses: { 201: { description: 'Created', schema: contactSchema } },
  },
  {
    operationId: 'getCustomerPlan', area: 'accounts', permission: 'accounts:read', method: 'GET', path: '/api/accounts/{id}/plans/{year}', handler: 'functions/handlers/http/get-customer-plan.ts', auth: 'user',
    summary: "The account's development plan for a year, with progress from billed revenue", tag: 'accounts', request: { params: planPathSchema },
    responses: { 200: { description: 'The plan', schema: customerPlanSchema } },
  },
  {
    operationId: 'saveCustomerPlan', area: 'accounts', permission: 'accounts:update', method: 'PUT', path: '/api/accounts/{id}/plans/{year}', handler: 'functions/handlers/http/save-customer-plan.ts', auth: 'user',
    summary: "Create or change the account's development plan for a year (version for changes)", tag: 'accounts', request: { params: planPathSchema, body: savePlanSchema },
    responses: { 200: { description: 'The saved plan', schema: customerPlanSchema } },
  },
  {
    operationId: 'createContract', area: 'commercial', permission: 'contracts:write', method: 'POST', path: '/api/accounts/{id}/contracts', handler: 'functions/handlers/http/create-contract.ts', auth: 'user',
    summary: "Submit a contract; within the submitter's authority it is approved at once, else it waits in the right approver's inbox", tag: 'contracts',
    request: { params: accountPathSchema, body: createContractSchema },
    responses: { 201: { description: 'The contract with its approval state', schema: contractSchema } },
  },
  {
    operationId: 'listAccountContracts', area: 'commercial', permission: 'contracts:read', method: 'GET', path: '/api/accounts/{id}/contracts', handler: 'functions/handlers/http/list-account-contracts.ts', auth: 'user',
    summary: 'Contracts of an account, newest first', tag: 'contracts', request: { params: accountPathSchema, query: listQuerySchema },
    responses: { 200: { description: 'A page of contracts', schema: contractPageSchema } },
  },
  {
    operationId: 'getContract', area: 'commercial', permission: 'contracts:read', method: 'GET', path: '/api/contracts/{id}', handler: 'functions/handlers/http/get-contract.ts', auth: 'user',
    summary: 'One contract with its decisions', tag: 'contracts', request: { params: contractPathSchema },
    responses: { 200: { description: 'The contract', schema: contractSchema } },
  },
  {
    operationId: 'listContracts', area: 'commercial', permission: 'contracts:read', method: 'GET', path: '/api/contracts', handler: 'functions/handlers/http/list-contracts.ts', auth: 'user',
    summary: "Contracts within the caller's reach (owned, team, unit or all), newest first, with their approval state", tag: 'contracts', request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of contracts', schema: contractPageSchema } },
  },
  {
    operationId: 'listSlaPolicies', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/sla-policies', handler: 'functions/handlers/http/list-sla-policies.ts', auth: 'user',
    summary: "SLA policies (current versions): the contract classes' and each product's standard; per-stage targets, end-to-end target, jeopardy threshold, working hours", tag: 'sla',
    responses: { 200: { description: 'Policies', schema: slaPolicyListSchema } },
  },
  {
    operationId: 'getSlaPolicy', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/sla-policies/{id}', handler: 'functions/handlers/http/get-sla-policy.ts', auth: 'user',
    summary: 'One SLA policy with all its versions, newest first', tag: 'sla', request: { params: slaPolicyPathSchema },
    responses: { 200: { description: 'The policy', schema: slaPolicyDetailSchema } },
  },
  {
    operationId: 'listCalendars', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/calendars', handler: 'functions/handlers/http/list-calendars.ts', auth: 'user',
    summary: 'Business calendars: national and per province, published years, administrator data', tag: 'sla',
    responses: { 200: { description: 'Calendars', schema: calendarListSchema } },
  },
  {
    operationId: 'getCalendar', area: 'commercial', permission: 'catalogue:read', method: 'GET', path: '/api/calendars/{province}', handler: 'functions/handlers/http/get-calendar.ts', auth: 'user',
    summary: 'Every day of a year on a calendar: working, weekend, holiday, make-up working day, or unpublished', tag: 'sla',
    request: { params: calendarPathSchema, query: calendarYearQuerySchema },
    responses: { 200: { description: 'The year', schema: calendarYearSchema } },
  },
  {
    operationId: 'saveCalendarOverrides', area: 'commercial', permission: 'calendars:write', method: 'PUT', path: '/api/calendars/{province}/overrides', handler: 'functions/handlers/http/save-calendar-overrides.ts', auth: 'user',
    summary: "Replace a calendar's administrator data: additional published years (CN) or a province's extra holidays and working days, quoting the version read (409 when stale)", tag: 'sla',
    request: { params: calendarPathSchema, body: calendarOverridesSchema },
    responses: { 200: { description: 'The saved data', schema: savedCalendarOverridesSchema } },
  },
  {
    operationId: 'listApprovals', area: 'commercial', permission: 'contracts:decide', method: 'GET', path: '/api/approvals', handler: 'functions/handlers/http/list-approvals.ts', auth: 'user',
    summary: "The caller's approvals inbox: contracts waiting for their decision, oldest first", tag: 'contracts', request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of contracts', schema: contractPageSchema } },
  },
  {
    operationId: 'decideContract', area: 'commercial', permission: 'contracts:decide', method: 'POST', path: '/api/contracts/{id}/decisions', handler: 'functions/handlers/http/decide-contract.ts', auth: 'user',
    summary: 'Approve or refuse a contract with a reason (idempotent; a role without the authority is refused)', tag: 'contracts',
    request: { params: contractPathSchema, body: contractDecisionSchema },
    responses: { 200: { description: 'The decided contract', schema: contractSchema } },
  },
  {
    operationId: 'createProductOrder', area: 'orders', permission: 'orders:submit', method: 'POST', path: tmfProductOrderPath, handler: 'functions/handlers/http/create-product-order.ts', auth: 'user',
    summary: 'Submit an order for a circuit (TMF622); repeat-safe with an Idempotency-Key header', tag: 'productOrder',
    request: { body: createProductOrderSchema, headers: idempotencyHeadersSchema },
    responses: { 201: { description: 'Order accepted for processing', schema: productOrderSchema } },
  },
  {
    operationId: 'listProductOrders', area: 'orders', permission: 'orders:read', method: 'GET', path: tmfProductOrderPath, handler: 'functions/handlers/http/list-product-orders.ts', auth: 'user',
    summary: 'Orders, newest first; X-Next-Cursor header when more exist', tag: 'productOrder', request: { query: listOrdersQuerySchema },
    responses: { 200: { description: 'A page of orders' } },
  },
  {
    operationId: 'getProductOrder', area: 'orders', permission: 'orders:read', method: 'GET', path: `${tmfProductOrderPath}/{id}`, handler: 'functions/handlers/http/get-product-order.ts', auth: 'user',
    summary: 'One order with its stages, milestones and billing', tag: 'productOrder', request: { params: orderPathSchema },
    responses: { 200: { description: 'The order', schema: productOrderSchema } },
  },
  {
    operationId: 'recordCustomerAcceptance', area: 'orders', permission: 'orders:record-acceptance', method: 'POST', path: '/api/orders/{id}/acceptance', handler: 'functions/handlers/http/record-customer-acceptance.ts', auth: 'user',
    summary: "Record the customer's acceptance (验收) or rejection of a delivered circuit", tag: 'orders',
    request: { params: orderPathSchema, body: acceptanceDecisionSchema },
    responses: { 202: { description: 'Recorded; the workflow continues', schema: acceptanceResultSchema } },
  },
  {
    operationId: 'confirmNetworkBuild', area: 'orders', permission: 'orders:confirm-build', method: 'POST', path: '/api/orders/{id}/network-build', handler: 'functions/handlers/http/confirm-network-build.ts', auth: 'user',
    summary: 'Planning confirms a network build with a new agreed date; resources are checked again', tag: 'orders',
    request: { params: orderPathSchema, body: networkBuildConfirmationSchema },
    responses: { 202: { description: 'Recorded; the workflow continues' } },
  },
  {
    operationId: 'amendProductOrder', area: 'orders', permission: 'orders:amend', method: 'PATCH', path: `${tmfProductOrderPath}/{id}`, handler: 'functions/handlers/http/amend-product-order.ts', auth: 'user',
    summary: 'Amend bandwidth, sites or requested date before the point of no return; a moved site re-checks resources', tag: 'productOrder',
    request: { params: orderPathSchema, body: amendmentSchema, headers: idempotencyHeadersSchema },
    responses: { 200: { description: 'The amended order', schema: productOrderSchema } },
  },
  {
    operationId: 'holdOrder', area: 'orders', permission: 'orders:hold', method: 'POST', path: '/api/orders/{id}/hold', handler: 'functions/handlers/http/hold-order.ts', auth: 'user',
    summary: "Hold an order for a customer-caused delay (the account manager's approval); the SLA clock stops", tag: 'orders',
    request: { params: orderPathSchema, body: holdRequestSchema, headers: idempotencyHeadersSchema },
    responses: { 200: { description: 'The held order', schema: productOrderSchema } },
  },
  {
    operationId: 'resumeOrder', area: 'orders', permission: 'orders:hold', method: 'POST', path: '/api/orders/{id}/resume', handler: 'functions/handlers/http/resume-order.ts', auth: 'user',
    summary: 'End the hold: the order goes back to the state it was held in; due times move by the held working time', tag: 'orders',
    request: { params: orderPathSchema, body: noteRequestSchema, headers: idempotencyHeadersSchema },
    responses: { 200: { description: 'The resumed order', schema: productOrderSchema } },
  },
  {
    operationId: 'retryOrder', area: 'orders', permission: 'orders:retry', method: 'POST', path: '/api/orders/{id}/retry', handler: 'functions/handlers/http/retry-order.ts', auth: 'user',
    summary: 'Retry an order from the fallout queue at the stage that failed', tag: 'orders',
    request: { params: orderPathSchema, body: noteRequestSchema, headers: idempotencyHeadersSchema },
    responses: { 202: { description: 'The workflow runs again', schema: productOrderSchema } },
  },
  {
    operationId: 'listFalloutOrders', area: 'orders', permission: 'orders:read', method: 'GET', path: '/api/fallout', handler: 'functions/handlers/http/list-fallout-orders.ts', auth: 'user',
    summary: 'The fallout queue: failed orders within reach, oldest first, to retry, re-plan (amend) or cancel', tag: 'orders',
    request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of failed orders; X-Next-Cursor header when more exist' } },
  },
  {
    operationId: 'createCancelProductOrder', area: 'orders', permission: 'orders:cancel', method: 'POST', path: tmfCancelProductOrderPath, handler: 'functions/handlers/http/create-cancel-product-order.ts', auth: 'user',
    summary: 'TMF622 cancelProductOrder: cancel before the point of no return; reservations are released, build costs charged', tag: 'productOrder',
    request: { body: cancelProductOrderSchema, headers: idempotencyHeadersSchema },
    responses: { 201: { description: 'Cancellation accepted; the workflow carries it out', schema: cancelProductOrderViewSchema } },
  },
  {
    operationId: 'getCancelProductOrder', area: 'orders', permission: 'orders:read', method: 'GET', path: `${tmfCancelProductOrderPath}/{id}`, handler: 'functions/handlers/http/get-cancel-product-order.ts', auth: 'user',
    summary: 'One cancellation request and its state', tag: 'productOrder',
    request: { params: cancelProductOrderPathSchema },
    responses: { 200: { description: 'The cancellation', schema: cancelProductOrderViewSchema } },
  },
  {
    operationId: 'createHubSubscription', area: 'event-hub', permission: 'events:subscribe', method: 'POST', path: tmfHubPath, handler: 'functions/handlers/http/create-hub-subscription.ts', auth: 'user',
    summary: 'Subscribe a listener to order events (TMF630 hub): signed deliveries with retries, for orders within the subscriber\'s reach; repeat-safe with an Idempotency-Key header', tag: 'events',
    request: { body: hubSubscriptionRequestSchema, headers: idempotencyHeadersSchema },
    responses: { 201: { description: 'Subscribed; the signing secret is shown only now (and to a repeat of the same request with the same Idempotency-Key)', schema: hubSubscriptionSchema } },
  },
  {
    operationId: 'listHubSubscriptions', area: 'event-hub', permission: 'events:subscribe', method: 'GET', path: tmfHubPath, handler: 'functions/handlers/http/list-hub-subscriptions.ts', auth: 'user',
    summary: "The caller's own subscriptions", tag: 'events', request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of subscriptions', schema: hubSubscriptionPageSchema } },
  },
  {
    operationId: 'getHubSubscription', area: 'event-hub', permission: 'events:subscribe', method: 'GET', path: `${tmfHubPath}/{id}`, handler: 'functions/handlers/http/get-hub-subscription.ts', auth: 'user',
    summary: 'One own subscription with its latest deliveries (status, attempts, next attempt)', tag: 'events', request: { params: hubPathSchema },
    responses: { 200: { description: 'The subscription', schema: hubSubscriptionSchema } },
  },
  {
    operationId: 'deleteHubSubscription', area: 'event-hub', permission: 'events:subscribe', method: 'DELETE', path: `${tmfHubPath}/{id}`, handler: 'functions/handlers/http/delete-hub-subscription.ts', auth: 'user',
    summary: 'Unsubscribe: nothing more is sent, pending retries included', tag: 'events', request: { params: hubPathSchema },
    responses: { 204: { description: 'Unsubscribed' } },
  },
  {
    operationId: 'receiveProvisioningCallback', area: 'provisioning', method: 'POST', path: '/provisioning/v1/orders/{id}/stages/{stage}/callbacks',
    handler: 'functions/handlers/http/receive-provisioning-callback.ts', auth: 'provisioning-system',
    summary: 'A provisioning system reports progress, completion or failure of a stage (signed request)', tag: 'provisioning',
    request: { params: callbackPathSchema, body: provisioningCallbackSchema },
    responses: { 200: { description: 'Recorded', schema: callbackResultSchema } },
  },
  {
    operationId: 'getCurrentUser', area: 'accounts', permission: 'catalogue:read', method: 'GET', path: '/api/me', handler: 'functions/handlers/http/get-current-user.ts', auth: 'user',
    summary: 'The signed-in person: roles and reporting line', tag: 'people',
    responses: { 200: { description: 'The current user', schema: currentUserSchema } },
  },
  {
    operationId: 'listUsers', area: 'accounts', permission: 'users:read', method: 'GET', path: '/api/users', handler: 'functions/handlers/http/list-users.ts', auth: 'user',
    summary: 'People: all of them for administrators, direct reports for supervisors and department heads', tag: 'people', request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of people', schema: userPageSchema } },
  },
  {
    operationId: 'createUser', area: 'accounts', permission: 'users:manage', method: 'POST', path: '/api/users', handler: 'functions/handlers/http/create-user.ts', auth: 'user',
    summary: 'Create a person with roles, reporting line and a temporary password (administrators); repeat the same request to finish one that failed midway', tag: 'people',
    request: { body: createUserSchema },
    responses: { 201: { description: 'Created; the person sets a new password at the first sign-in', schema: managedUserSchema } },
  },
  {
    operationId: 'getUser', area: 'accounts', permission: 'users:read', method: 'GET', path: '/api/users/{id}', handler: 'functions/handlers/http/get-user.ts', auth: 'user',
    summary: 'One person: anyone for administrators, direct reports for supervisors and department heads', tag: 'people', request: { params: userPathSchema },
    responses: { 200: { description: 'The person', schema: managedUserSchema } },
  },
  {
    operationId: 'updateUser', area: 'accounts', permission: 'users:manage', method: 'PATCH', path: '/api/users/{id}', handler: 'functions/handlers/http/update-user.ts', auth: 'user',
    summary: 'Change roles, manager, unit or whether the person may sign in, quoting the version read (409 when stale)', tag: 'people',
    request: { params: userPathSchema, body: updateUserSchema },
    responses: { 200: { description: 'The changed person', schema: managedUserSchema } },
  },
  {
    operationId: 'listAtRisk', area: 'sla', permission: 'sla:read', method: 'GET', path: '/api/sla/at-risk', handler: 'functions/handlers/http/list-at-risk.ts', auth: 'user',
    summary: 'Open stages and orders at risk or breached now, least time left first, with owner and account manager', tag: 'sla', request: { query: atRiskQuerySchema },
    responses: { 200: { description: 'What is in jeopardy', schema: atRiskListSchema } },
  },
  {
    operationId: 'listEscalations', area: 'sla', permission: 'escalations:read', method: 'GET', path: '/api/escalations', handler: 'functions/handlers/http/list-escalations.ts', auth: 'user',
    summary: "Escalations of breached stages and orders in the caller's reach, newest first", tag: 'sla', request: { query: listQuerySchema },
    responses: { 200: { description: 'A page of escalations', schema: escalationPageSchema } },
  },
  {
    operationId: 'getEscalation', area: 'sla', permission: 'escalations:read', method: 'GET', path: '/api/escalations/{id}', handler: 'functions/handlers/http/get-escalation.ts', auth: 'user',
    summary: 'One escalation with its steps: who was notified, when, at which level', tag: 'sla', request: { params: escalationPathSchema },
    responses: { 200: { description: 'The escalation', schema: escalationSchema } },
  },
  {
    operationId: 'acknowledgeEscalation', area: 'sla', permission: 'escalations:acknowledge', method: 'POST', path: '/api/escalations/{id}/acknowledgement', handler: 'functions/handlers/http/acknowledge-escalation.ts', auth: 'user',
    summary: 'Take ownership of an escalation (idempotent; 409 naming who holds it when someone else does)', tag: 'sla', request: { params: escalationPathSchema },
    responses: { 200: { description: 'The acknowledged escalation', schema: escalationSchema } },
  },
  {
    operationId: 'getSlaReport', area: 'sla', permission: 'sla-reports:read', method: 'GET', path: '/api/sla/reports', handler: 'functions/handlers/http/get-sla-report.ts', auth: 'user',
    summary: 'SLA attainment (on-time rate) of finished stages by tier, product, province, stage or work position, within the caller\'s reach; CSV with Accept: text/csv or format=csv', tag: 'sla',
    request: { query: slaReportQuerySchema },
    responses: { 200: { description: 'The report (JSON), or a CSV file for Excel', schema: slaReportSchema } },
  },
  {
    operationId: 'listAlarmStates', area: 'sla', permission: 'alarms:read', method: 'GET', path: '/api/alarms', handler: 'functions/handlers/http/list-alarm-states.ts', auth: 'user',
    summary: 'The SLA alarms with their state (OK, ALARM, INSUFFICIENT_DATA), threshold and audience', tag: 'sla',
    responses: { 200: { description: 'Every SLA alarm', schema: alarmStateListSchema } },
  },
] as const satisfies readonly RouteDefinition[];

export type KamflowRoute = (typeof routes)[number];
