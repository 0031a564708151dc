/**
 * The console's data provider: react-admin's calls mapped onto the KAMflow API.
 *
 * - `accounts`  → `/api/accounts` (cursor in the body: `{ items, nextCursor }`)
 * - `orders`    → TMF622 `/tmf-api/productOrderingManagement/v4/productOrder` (a bare array, cursor in `X-Next-Cursor`)
 * - `products`  → `/api/products` (the whole catalogue, no paging)
 * - `contracts` → `/api/contracts` within the caller's reach, or `/api/accounts/{id}/contracts` for one account
 * - `sla-policies` → `/api/sla-policies` (current versions; one with all its versions)
 * - `calendars` → `/api/calendars` (32 business calendars); a year of one by `calendarYear`, administrators' data by
 *   `saveCalendarOverrides`
 *
 * Cursor pagination is presented to react-admin as partial pagination (`pageInfo`, no `total`); see cursorPages.ts.
 * Errors arrive as `HttpError` with the API's message; on create they also carry form field errors (httpClient.ts).
 * Beyond the standard methods it offers `recordAcceptance` for the customer acceptance (验收) buttons.
 */
import { HttpError } from 'react-admin';
import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import type { AcceptanceDecision, Account, AccountDraft, CalendarOverrides, CalendarOverridesRequest, CalendarYear } from '../api/types.ts';
import { toUserCreate, toUserFormRecord, toUserUpdate, userFieldForIssue, type UserDraft } from '../users/userDraft.ts';
import { toAccountCreate } from '../accounts/accountDraft.ts';
import { draftFieldForIssue, toProductOrderCreate, type OrderDraft } from '../orders/orderDraft.ts';
import { sameFieldNames } from './apiErrors.ts';
import { CursorPages, fetchPage, listingKey, type CursorPage, type PageResult } from './cursorPages.ts';
import { createApiClient, type ApiClient, type TokenSource } from './httpClient.ts';
import { newIdempotencyKey } from './idempotencyKey.ts';

export const tmfProductOrderPath = '/tmf-api/productOrderingManagement/v4/productOrder';

/** The API caps `limit` at 100. */
const maxPageSize = 100;

export type Contact = { id: string; name: string; role: string; phone?: string; email?: string; site?: string; createdAt: string };
export type TierChange = { at: string; from: string; to: string; ruleVersion?: number; override: boolean; changedBy: string; reason: string };
export type Contract = { id: string; accountId: string; title: string; slaClass: string; agreedValue: number; listValue: number; discountPercent: number; requiredLevel: string; approvalReasons: string[]; status: string; submittedBy: string; submittedAt: string };

/** The lifecycle commands on an order, each one route of the API. */
export type OrderCommand = 'hold' | 'resume' | 'amend' | 'cancel' | 'retry' | 'confirm-build';

/** Where each command goes: method, path and the body the API expects. */
export function orderCommandRequest(orderId: Identifier, command: OrderCommand, body: Record<string, unknown>): { method: 'POST' | 'PATCH'; path: string; body: unknown } {
  const id = encodeURIComponent(String(orderId));
  switch (command) {
    case 'hold':
    case 'resume':
    case 'retry':
      return { method: 'POST', path: `/api/orders/${id}/${command}`, body };
    case 'confirm-build':
      return { method: 'POST', path: `/api/orders/${id}/network-build`, body };
    case 'amend':
      return { method: 'PATCH', path: `${tmfProductOrderPath}/${id}`, body };
    case 'cancel':
      return { method: 'POST', path: '/tmf-api/productOrderingManagement/v4/cancelProductOrder', body: { productOrder: { id: String(orderId) }, cancellationReason: body.reason } };
  }
}

export type KamflowDataProvider = DataProvider & {
  /** Hold, resume, amend, cancel, retry an order, or confirm its network build. */
  orderCommand(orderId: Identifier, command: OrderCommand, body: Record<string, unknown>): Promise<void>;
  /** `POST /api/orders/{id}/acceptance`: the customer's decision on a delivered circuit. */
  recordAcceptance(orderId: Identifier, decision: AcceptanceDecision): Promise<void>;
  contactsOf(accountId: Identifier): Promise<Contact[]>;
  addContact(accountId: Identifier, contact: Omit<Contact, 'id' | 'createdAt'>): Promise<Contact>;
  tierHistoryOf(accountId: Identifier): Promise<TierChange[]>;
  /** The signed-in approver's inbox. */
  approvalInbox(): Promise<Contract[]>;
  decideContract(contractId: string, decision: 'APPROVED' | 'REFUSED', reason: string): Promise<void>;
  /** The tops of the account hierarchy within reach, a page at a time. */
  accountRoots(cursor?: string): Promise<AccountTreePage>;
  /** An account's branches, each with its roll-up, a page at a time. */
  accountBranches(accountId: Identifier, cursor?: string): Promise<AccountTreePage>;
  /** Every day of one year on a business calendar, with the calendar's administrator data. */
  calendarYear(calendarId: string, year: number): Promise<CalendarYear>;
  /** `PUT /api/calendars/{id}/overrides`; a 400 carries `errors` keyed by the API's field paths, a stale version is 409. */
  saveCalendarOverrides(calendarId: string, overrides: CalendarOverridesRequest): Promise<CalendarOverrides>;
};

export type AccountTreePage = { items: Account[]; nextCursor?: string };

function readAccountPage(json: unknown): AccountTreePage {
  const page = readItemsPage(json, 'account page');
  return { items: page.items as unknown as Account[], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

function itemsOf<T>(json: unknown): T[] {
  if (typeof json !== 'object' || json === null || !('items' in json) || !Array.isArray(json.items)) throw badResponse('list');
  return json.items as T[];
}

type ListQuery = { page: number; perPage: number; filter: Record<string, unknown>; signal?: AbortSignal };
type ListPage = { data: RaRecord[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean }; total?: number };

type ResourceApi = {
  list(query: ListQuery): Promise<ListPage>;
  one(id: Identifier, signal?: AbortSignal): Promise<RaRecord>;
  create?(data: unknown): Promise<RaRecord>;
  update?(id: Identifier, data: unknown, previousData: RaRecord): Promise<RaRecord>;
};

function badResponse(what: string): HttpError {
  return new HttpError('kamflow.errors.bad_response', 502, { code: 'BAD_RESPONSE', message: `unexpected ${what}` });
}

function isRecord(value: unknown): value is RaRecord {
  return typeof value === 'object' && value !== null && 'id' in value && (typeof value.id === 'string' || typeof value.id === 'number');
}

function readRecord(json: unknown, what: string): RaRecord {
  if (!isRecord(json)) throw badResponse(what);
  return json;
}

function readRecords(json: unknown, what: string): RaRecord[] {
  if (!Array.isArray(json)) throw badResponse(what);
  return json.map((item) => readRecord(item, what));
}

function readItemsPage(json: unknown, what: string): CursorPage<RaRecord> {
  if (typeof json !== 'object' || json === null || !('items' in json)) throw badResponse(what);
  const nextCursor = 'nextCursor' in json && typeof json.nextCursor === 'string' && json.nextCursor ? json.nextCursor : undefined;
  return { items: readRecords(json.items, what), ...(nextCursor ? { nextCursor } : {}) };
}

function toListPage(result: PageResult<RaRecord>): ListPage {
  return {
    data: result.items,
    pageInfo: { hasNextPage: result.hasNextPage, hasPreviousPage: result.hasPreviousPage },
    ...(result.total !== undefined ? { total: result.total } : {}),
  };
}

function stringFilter(filter: Record<string, unknown>, name: string): string | undefined {
  const value = filter[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function accountsApi(client: ApiClient, pages: () => CursorPages): ResourceApi {
  return {
    async list({ page, perPage, signal }) {
      // The API lists accounts newest first and has no filters yet, so the filter is not part of the key.
      const key = listingKey('accounts', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json } = await client('/api/accounts', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'account page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(`/api/accounts/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, 'account');
    },
    async create(data) {
      const { json } = await client('/api/accounts', {
        method: 'POST',
        body: toAccountCreate(data as AccountDraft),
        formFields: sameFieldNames,
      });
      return readRecord(json, 'account');
    },
  };
}

function ordersApi(client: ApiClient, pages: () => CursorPages): ResourceApi {
  return {
    async list({ page, perPage, filter, signal }) {
      const accountId = stringFilter(filter, 'accountId');
      const key = listingKey('orders', { accountId }, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json, headers } = await client(tmfProductOrderPath, {
          query: { limit: perPage, cursor, accountId },
          ...(signal ? { signal } : {}),
        });
        const nextCursor = headers.get('X-Next-Cursor') ?? undefined;
        return { items: readRecords(json, 'order list'), ...(nextCursor ? { nextCursor } : {}) };
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(`${tmfProductOrderPath}/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, 'order');
    },
    async create(data) {
      const { json } = await client(tmfProductOrderPath, {
        method: 'POST',
        body: toProductOrderCreate(data as OrderDraft),
        // A fresh key per submit: a retried network call is deduplicated, a second click is a second order only if
        // the user submits the form again.
        headers: { 'Idempotency-Key': newIdempotencyKey() },
        formFields: draftFieldForIssue,
      });
      return readRecord(json, 'order');
    },
  };
}

/** The fallout queue (`/api/fallout`): failed orders, oldest first, cursor in `X-Next-Cursor`. */
function falloutApi(client: ApiClient, pages: () => CursorPages): ResourceApi {
  return {
    async list({ page, perPage, signal }) {
      const key = listingKey('fallout', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json, headers } = await client('/api/fallout', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        const nextCursor = headers.get('X-Next-Cursor') ?? undefined;
        return { items: readRecords(json, 'fallout queue'), ...(nextCursor ? { nextCursor } : {}) };
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(`${tmfProductOrderPath}/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, 'order');
    },
  };
}

function productsApi(client: ApiClient): ResourceApi {
  const all = async (signal?: AbortSignal): Promise<RaRecord[]> => {
    const { json } = await client('/api/products', signal ? { signal } : {});
    return readItemsPage(json, 'product catalogue').items;
  };
  return {
    async list({ signal }) {
      const data = await all(signal);
      return { data, total: data.length, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
    },
    async one(id, signal) {
      const { json } = await client(`/api/products/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, 'product');
    },
    // A new catalogue version: the version read, why, the prices and the stage template (react-admin's edit form).
    async update(id, data) {
      const draft = data as { version: number; reason?: string; bandwidths?: { bandwidth: string; oneOffCharge: number; monthlyCharge: number }[]; stageTemplate?: { stage: string; workingDays?: number | null; workingHours?: number | null }[] };
      const body = {
        version: draft.version,
        reason: draft.reason ?? '',
        prices: (draft.bandwidths ?? []).map(({ bandwidth, oneOffCharge, monthlyCharge }) => ({ bandwidth, oneOffCharge, monthlyCharge })),
        stageTemplate: (draft.stageTemplate ?? []).map(({ stage, workingDays, workingHours }) => ({
          stage,
          ...(workingDays !== undefined && workingDays !== null ? { workingDays } : {}),
          ...(workingHours !== undefined && workingHours !== null ? { workingHours } : {}),
        })),
      };
      const { json } = await client(`/api/products/${encodeURIComponent(String(id))}`, { method: 'PUT', body, formFields: productFormField });
      return readRecord(json, 'product');
    },
  };
}

/** The API names price fields `prices.N.…`; the form edits them as `bandwidths.N.…`. */
function productFormField(field: string): string {
  return field.startsWith('prices.') ? `bandwidths.${field.slice('prices.'.length)}` : field;
}

/** `users` → `/api/users`: people with roles and reporting line; administrators create and change them. */
function usersApi(client: ApiClient, pages: () => CursorPages): ResourceApi {
  return {
    async list({ page, perPage, signal }) {
      const key = listingKey('users', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json } = await client('/api/users', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'user page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(`/api/users/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return toUserFormRecord(readRecord(json, 'user'));
    },
    async create(data) {
      const { json } = await client('/api/users', { method: 'POST', body: toUserCreate(data as UserDraft), formFields: userFieldForIssue });
      return toUserFormRecord(readRecord(json, 'user'));
    },
    async update(id, data, previousData) {
      const body = toUserUpdate(data as UserDraft, previousData as UserDraft);
      const { json } = await client(`/api/users/${encodeURIComponent(String(id))}`, { method: 'PATCH', body, formFields: userFieldForIssue });
      return toUserFormRecord(readRecord(json, 'user'));
    },
  };
}

/** Contracts newest first: all within the caller's reach, or one account's (the account page). */
function contractsApi(client: ApiClient, pages: () => CursorPages): ResourceApi {
  return {
    async list({ page, perPage, filter, signal }) {
      const accountId = stringFilter(filter, 'accountId');
      const path = accountId ? `/api/accounts/${encodeURIComponent(accountId)}/contracts` : '/api/contracts';
      const result = await fetchPage(pages(), listingKey('contracts', { accountId }, perPage), page, perPage, async (cursor) => {
        const { json } = await client(path, { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'contract page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(`/api/contracts/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, 'contract');
    },
  };
}

/** A resource the API answers whole (a dozen SLA policies, 32 calendars), paged here for react-admin. */
function wholeListApi(client: ApiClient, path: string, what: string): ResourceApi {
  return {
    async list({ page, perPage, signal }) {
      const { json } = await client(path, signal ? { signal } : {});
      const items = readItemsPage(json, what).items;
      return { data: items.slice((page - 1) * perPage, page * perPage), total: items.length, pageInfo: { hasNextPage: page * perPage < items.length, hasPreviousPage: page > 1 } };
    },
    async one(id, signal) {
      const { json } = await client(`${path}/${encodeURIComponent(String(id))}`, signal ? { signal } : {});
      return readRecord(json, what);
    },
  };
}

function unsupported(): Promise<never> {
  return Promise.reject(new HttpError('kamflow.errors.unsupported', 405, { code: 'UNSUPPORTED', message: 'unsupported' }));
}

export function createKamflowDataProvider(apiUrl: string, token: TokenSource): KamflowDataProvider {
  const client = createApiClient(apiUrl, token);
  let pages = new CursorPages();
  const resources: Record<string, ResourceApi> = {
    accounts: accountsApi(client, () => pages),
    orders: ordersApi(client, () => pages),
    fallout: falloutApi(client, () => pages),
    products: productsApi(client),
    users: usersApi(client, () => pages),
    contracts: contractsApi(client, () => pages),
    'sla-policies': wholeListApi(client, '/api/sla-policies', 'SLA policy'),
    calendars: wholeListApi(client, '/api/calendars', 'calendar'),
  };
  const resourceApi = (resource: string): ResourceApi => {
    const api = resources[resource];
    if (!api) throw new Error(`Unknown resource "${resource}"`);
    return api;
  };
  const listQuery = (
    pagination: { page: number; perPage: number } | undefined,
    filter: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): ListQuery => ({
    page: pagination?.page ?? 1,
    perPage: Math.min(Math.max(pagination?.perPage ?? 25, 1), maxPageSize),
    filter,
    ...(signal ? { signal } : {}),
  });

  return {
    supportAbortSignal: true,
    async getList<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getList']>[1]) {
      const filter: Record<string, unknown> = params.filter ?? {};
      const page = await resourceApi(resource).list(listQuery(params.pagination, filter, params.signal));
      return { ...page, data: page.data as RecordType[] };
    },
    async getOne<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getOne']>[1]) {
      return { data: (await resourceApi(resource).one(params.id, params.signal)) as RecordType };
    },
    async getMany<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getMany']>[1]) {
      const api = resourceApi(resource);
      const data = await Promise.all(params.ids.map((id) => api.one(id, params.signal)));
      return { data: data as RecordType[] };
    },
    async getManyReference<RecordType extends RaRecord>(
      resource: string,
      params: Parameters<DataProvider['getManyReference']>[1],
    ) {
      const filter: Record<string, unknown> = { ...(params.filter ?? {}), [params.target]: params.id };
      const page = await resourceApi(resource).list(listQuery(params.pagination, filter, params.signal));
      return { ...page, data: page.data as RecordType[] };
    },
    async create<RecordType extends Omit<RaRecord, 'id'>, ResultRecordType extends RaRecord = RecordType & { id: Identifier }>(
      resource: string,
      params: Parameters<DataProvider['create']>[1],
    ) {
      const api = resourceApi(resource);
      if (!api.create) return unsupported();
      return { data: (await api.create(params.data)) as ResultRecordType };
    },
    async update<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['update']>[1]) {
      const api = resourceApi(resource);
      if (!api.update) return unsupported();
      return { data: (await api.update(params.id, params.data, params.previousData as RaRecord)) as RecordType };
    },
    updateMany: unsupported,
    delete: unsupported,
    deleteMany: unsupported,
    async orderCommand(orderId, command, body) {
      const request = orderCommandRequest(orderId, command, body);
      // A build confirmation is naturally repeat-safe; every other command carries a fresh key per submit.
      const headers = command === 'confirm-build' ? undefined : { 'Idempotency-Key': newIdempotencyKey() };
      await client(request.path, { method: request.method, body: request.body, ...(headers ? { headers } : {}) });
    },
    async recordAcceptance(orderId, decision) {
      await client(`/api/orders/${encodeURIComponent(String(orderId))}/acceptance`, { method: 'POST', body: decision });
    },
    forgetCursors() {
      pages = new CursorPages();
    },
    async contactsOf(accountId) {
      return itemsOf<Contact>((await client(`/api/accounts/${encodeURIComponent(String(accountId))}/contacts`)).json);
    },
    async addContact(accountId, contact) {
      const body = Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined && value !== ''));
      return (await client(`/api/accounts/${encodeURIComponent(String(accountId))}/contacts`, { method: 'POST', body })).json as Contact;
    },
    async tierHistoryOf(accountId) {
      return itemsOf<TierChange>((await client(`/api/accounts/${encodeURIComponent(String(accountId))}/tier-history`)).json);
    },
    async approvalInbox() {
      return itemsOf<Contract>((await client('/api/approvals', { query: { limit: 100 } })).json);
    },
    async accountRoots(cursor) {
      return readAccountPage((await client('/api/accounts', { query: { roots: 'true', limit: 25, cursor } })).json);
    },
    async accountBranches(accountId, cursor) {
      return readAccountPage((await client(`/api/accounts/${encodeURIComponent(String(accountId))}/children`, { query: { limit: 25, cursor } })).json);
    },
    async decideContract(contractId, decision, reason) {
      await client(`/api/contracts/${encodeURIComponent(contractId)}/decisions`, { method: 'POST', body: { decision, reason } });
    },
    async calendarYear(calendarId, year) {
      const { json } = await client(`/api/calendars/${encodeURIComponent(calendarId)}`, { query: { year } });
      return readRecord(json, 'calendar year') as unknown as CalendarYear;
    },
    async saveCalendarOverrides(calendarId, overrides) {
      const { json } = await client(`/api/calendars/${encodeURIComponent(calendarId)}/overrides`, { method: 'PUT', body: overrides, formFields: sameFieldNames });
      if (typeof json !== 'object' || json === null || !('version' in json)) throw badResponse('calendar data');
      return json as CalendarOverrides;
    },
  };
}
