/** A small client for the KAMflow HTTP API, used by integration tests the way a console or a provisioning system would. */
import { randomUUID } from 'node:crypto';
import { newNonce, signRequest, signatureHeaders } from '../../functions/domain/request-signature.ts';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly text: string;
}

let defaultToken: string | undefined;

/** Every later call of this test file carries this ID token unless it sets its own authorization header. */
export function useToken(token: string | undefined): void {
  defaultToken = token;
}

export async function call<T = any>(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const allHeaders: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(defaultToken ? { authorization: `Bearer ${defaultToken}` } : {}),
    ...headers,
  };
  if (allHeaders.authorization === '') delete allHeaders.authorization;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: allHeaders,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

export const ordersPath = '/tmf-api/productOrderingManagement/v4/productOrder';

export async function createAccount(apiUrl: string, overrides: Record<string, unknown> = {}) {
  const response = await call(apiUrl, 'POST', '/api/accounts', { name: `测试客户 ${randomUUID().slice(0, 6)}`, industry: 'FINANCE', tier: 'GROUP', city: '北京', accountManager: 'km.wang', ...overrides });
  if (response.status !== 201) throw new Error(`create account: ${response.status} ${response.text}`);
  return response.body as { id: string; name: string };
}

export function orderRequest(accountId: string, options: { product?: string; bandwidth?: string; aCity?: string; zCity?: string | null; leaseTermDays?: number } = {}) {
  const product = options.product ?? 'EPL';
  const zCity = options.zCity === undefined ? '上海' : options.zCity;
  return {
    externalId: `EXT-${randomUUID().slice(0, 8)}`,
    // A year ahead: stacks running a day of business time per second must not see it pass while a loaded machine starts up.
    requestedCompletionDate: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    relatedParty: [{ id: accountId, role: 'customer' }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        product: {
          productSpecification: { id: product },
          productCharacteristic: [
            { name: 'bandwidth', value: options.bandwidth ?? '100M' },
            ...(options.leaseTermDays !== undefined ? [{ name: 'leaseTermDays', value: String(options.leaseTermDays) }] : []),
          ],
          place: [
            { role: 'A-end', city: options.aCity ?? '北京', address: '北京市西城区金融大街 1 号' },
            ...(zCity ? [{ role: 'Z-end', city: zCity, address: '上海市浦东新区世纪大道 8 号' }] : []),
          ],
        },
      },
    ],
  };
}

export async function submitOrder(apiUrl: string, body: unknown, idempotencyKey?: string) {
  const response = await call(apiUrl, 'POST', ordersPath, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  if (response.status !== 201) throw new Error(`submit order: ${response.status} ${response.text}`);
  return response.body as ProductOrder;
}

export interface StageView {
  stage: string;
  status: string;
  owner: string;
  workPosition: string;
  startedAt?: string;
  finishedAt?: string;
  attempts: number;
  note?: string;
  dueAt?: string;
  progress?: { at: string; message: string; percent?: number }[];
}

export interface ProductOrder {
  id: string;
  state: string;
  kamflowState: string;
  currentStage: string;
  stages: StageView[];
  billing?: { oneOffCharge: number; monthlyCharge: number; chargesFrom: string; leaseType: string; currency: string; startedAt: string };
  circuitId?: string;
  failure?: { error: string; cause: string; at: string };
  rejectionReason?: string;
  productOrderItem: { product: { place: { role: string; city: string; exchange?: string }[]; productCharacteristic?: { name: string; value: string }[] } }[];
}

export async function getOrder(apiUrl: string, orderId: string): Promise<ProductOrder> {
  const response = await call<ProductOrder>(apiUrl, 'GET', `${ordersPath}/${orderId}`);
  if (response.status !== 200) throw new Error(`get order: ${response.status} ${response.text}`);
  return response.body;
}

export async function waitForOrder(apiUrl: string, orderId: string, predicate: (order: ProductOrder) => boolean, timeoutMs = 20_000): Promise<ProductOrder> {
  const deadline = Date.now() + timeoutMs;
  let last: ProductOrder | undefined;
  while (Date.now() < deadline) {
    last = await getOrder(apiUrl, orderId);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`order ${orderId} did not reach the expected state in ${timeoutMs} ms; last: ${last?.kamflowState} at ${last?.currentStage} ${JSON.stringify(last?.stages.map((s) => [s.stage, s.status]))} ${JSON.stringify(last?.failure ?? '')}`);
}

export const inState = (...states: string[]) => (order: ProductOrder) => states.includes(order.kamflowState);

export function stage(order: ProductOrder, name: string): StageView {
  const found = order.stages.find((candidate) => candidate.stage === name);
  if (!found) throw new Error(`order ${order.id} has no stage ${name}: ${order.stages.map((s) => s.stage).join(', ')}`);
  return found;
}

/** A provisioning system's signed callback. */
export async function signedCallback(apiUrl: string, secret: string, orderId: string, body: unknown, options: { timestamp?: number; nonce?: string; tamper?: boolean; stage?: string; systemId?: string; sentSystemId?: string } = {}) {
  const path = `/provisioning/v1/orders/${orderId}/stages/${options.stage ?? 'ACTIVATION'}/callbacks`;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? newNonce();
  const systemId = options.systemId ?? 'test-provisioning';
  let signature = signRequest({ method: 'POST', path, systemId, timestamp, nonce, body: text }, secret);
  if (options.tamper) signature = signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  return call(apiUrl, 'POST', path, text, {
    // `sentSystemId`: a header other than the one signed (a replay under another system's name).
    [signatureHeaders.systemId]: options.sentSystemId ?? systemId,
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.nonce]: nonce,
    [signatureHeaders.signature]: signature,
  });
}
