/**
 * 订单受理: a TMF622 order request becomes a KAMflow order and starts its workflow. Repeat-safe: with an
 * Idempotency-Key the same request answers with the same order (Powertools idempotency on the one table).
 */
import { ulid } from 'ulid';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { idempotencyStore } from '../data/idempotency-store.ts';
import { now } from '../commons/clock.ts';
import { ValidationError } from '../commons/errors.ts';
import type { FieldIssue } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { bandwidths, circuitProducts } from '../domain/catalogue.ts';
import type { Bandwidth, ProductId, ProductSpec } from '../domain/catalogue.ts';
import { currentProduct } from '../data/catalogue-repository.ts';
import { shanghaiDate } from '../domain/billing.ts';
import type { CreateProductOrderRequest } from '../api/schemas/product-orders.ts';
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { findAccount } from '../data/accounts-repository.ts';
import { findContract } from '../data/contracts-repository.ts';
import { calendarOfOrder } from '../data/calendars-repository.ts';
import { getOrderDetail, insertOrder, insertParentOrder, recordExecution } from '../data/orders-repository.ts';
import type { NewOrder, OrderDetail } from '../data/orders-repository.ts';
import { startOrderWorkflow } from './workflow-tasks.ts';

type OrderItem = CreateProductOrderRequest['productOrderItem'][number];

interface CheckedItem {
  readonly itemId: string;
  readonly productId: ProductId;
  readonly bandwidth: Bandwidth;
  readonly leaseTermDays: number;
  readonly places: NewOrder['places'];
}

/** One order item (one circuit): its product, bandwidth, lease term and circuit ends, checked against the catalogue. */
function checkItem(item: OrderItem, index: number, issues: FieldIssue[], specs: ReadonlyMap<ProductId, ProductSpec>): CheckedItem | undefined {
  const itemPath = `productOrderItem.${index}.product`;
  const before = issues.length;
  const productId = item.product.productSpecification.id;
  const product = specs.get(productId) ?? circuitProducts[productId];
  const characteristics = new Map(item.product.productCharacteristic.map((c) => [c.name, c.value]));
  const bandwidthValue = characteristics.get('bandwidth');
  const bandwidth = bandwidths.find((value) => value === bandwidthValue);
  if (!bandwidthValue) issues.push({ field: `${itemPath}.productCharacteristic`, message: 'a characteristic named bandwidth is required' });
  else if (!bandwidth || !product.prices[bandwidth]) {
    issues.push({ field: `${itemPath}.productCharacteristic.bandwidth`, message: `${productId} is sold at ${Object.keys(product.prices).join(', ')}` });
  }
  const leaseTerm = characteristics.get('leaseTermDays');
  const leaseTermDays = leaseTerm === undefined ? 365 : Number(leaseTerm);
  if (!Number.isInteger(leaseTermDays) || leaseTermDays < 1 || leaseTermDays > 3650) {
    issues.push({ field: `${itemPath}.productCharacteristic.leaseTermDays`, message: 'must be a whole number of days between 1 and 3650' });
  }
  const roles = item.product.place.map((place) => place.role);
  if (new Set(roles).size !== roles.length) issues.push({ field: `${itemPath}.place`, message: 'each circuit end (A-end, Z-end) at most once' });
  if (!roles.includes('A-end')) issues.push({ field: `${itemPath}.place`, message: 'an A-end site is required' });
  if (product.pointToPoint && !roles.includes('Z-end')) issues.push({ field: `${itemPath}.place`, message: `${productId} is point-to-point: a Z-end site is required` });
  if (!product.pointToPoint && roles.includes('Z-end')) issues.push({ field: `${itemPath}.place`, message: `${productId} has no Z-end` });
  if (issues.length > before || !bandwidth) return undefined;
  const places = [...item.product.place].sort((a, b) => a.role.localeCompare(b.role)).map((place) => ({ role: place.role, city: place.city, address: place.address }));
  return { itemId: item.id, productId, bandwidth, leaseTermDays, places };
}

/**
 * 订单受理. One order item is one order with its workflow. Several items (跨网一点受理: one circuit per local network
 * or circuit end) make a parent order accepted at this one point, and one child order per item, each with a workflow
 * of its own; the parent's state rolls up from its children and the account manager owns them all.
 */
export async function submitOrder(principal: Principal, request: CreateProductOrderRequest): Promise<OrderDetail> {
  const issues: FieldIssue[] = [];
  const party = request.relatedParty[0];
  if (!party || request.productOrderItem.length === 0) throw ValidationError.forField('productOrderItem', 'at least one order item and exactly one customer party');
  const itemIds = request.productOrderItem.map((item) => item.id);
  if (new Set(itemIds).size !== itemIds.length) issues.push({ field: 'productOrderItem', message: 'order item ids must be unique' });
  // The current catalogue version of each product ordered: what it is sold at, and (recorded on the order) its template.
  const productIdsOrdered = [...new Set(request.productOrderItem.map((item) => item.product.productSpecification.id))];
  const specs = new Map(await Promise.all(productIdsOrdered.map(async (productId) => [productId, await currentProduct(productId)] as const)));
  const items = request.productOrderItem.map((item, index) => checkItem(item, index, issues, specs));
  if (request.requestedCompletionDate.slice(0, 10) < shanghaiDate(now())) {
    issues.push({ field: 'requestedCompletionDate', message: 'must not be in the past' });
  }
  const found = await findAccount(party.id);
  // An account outside the caller's reach is reported exactly like one that does not exist.
  const account = found && scopeCovers(accountScopeOf(principal), found) ? found : undefined;
  if (!account) issues.push({ field: 'relatedParty.0.id', message: `no key account ${party.id}` });
  const contractRef = request.agreement?.[0]?.id;
  const contract = contractRef ? await findContract(contractRef) : undefined;
  if (contractRef && (!contract || contract.accountId !== party.id)) issues.push({ field: 'agreement.0.id', message: `no contract ${contractRef} of this account` });
  else if (contract && contract.status !== 'APPROVED') issues.push({ field: 'agreement.0.id', message: `contract ${contract.contractId} is ${contract.status.toLowerCase().replace('_', ' ')}: orders need an approved contract` });
  const checked = items.filter((item): item is CheckedItem => item !== undefined);
  if (issues.length > 0 || !account || checked.length !== items.length) throw new ValidationError(issues);

  const orderDate = now().toISOString();
  const actor = `user:${principal.userId}`;
  const common = {
    accountId: account.accountId,
    accountName: account.name,
    accountManager: account.accountManager,
    supervisorId: account.supervisorId,
    unitId: account.unitId,
    tier: account.tier,
    ...(account.province ? { province: account.province } : {}),
    ...(request.externalId ? { externalId: request.externalId } : {}),
    ...(request.description ? { description: request.description } : {}),
    ...(request.priority ? { priority: request.priority } : {}),
    requestedCompletionDate: request.requestedCompletionDate,
    ...(contract ? { contractId: contract.contractId, slaClass: contract.slaClass } : {}),
    orderDate,
  };
  const orderOf = (item: CheckedItem, orderId: string): NewOrder => ({
    ...common,
    orderId,
    productId: item.productId,
    productVersion: specs.get(item.productId)?.version ?? 0,
    bandwidth: item.bandwidth,
    places: item.places,
    leaseTermDays: item.leaseTermDays,
  });
  const [first] = checked;
  if (checked.length === 1 && first) {
    const orderId = `ord_${ulid()}`;
    const newOrder = orderOf(first, orderId);
    await insertOrder(newOrder, actor, await calendarOfOrder(newOrder));
    await startWorkflows([orderId]);
    logger.info('order submitted', { orderId, productId: first.productId, bandwidth: first.bandwidth });
    return getOrderDetail(orderId);
  }
  const parentId = `ord_${ulid()}`;
  const children = checked.map((item) => ({ ...orderOf(item, `ord_${ulid()}`), parentOrderId: parentId, orderItemId: item.itemId }));
  const calendars = await Promise.all(children.map((child) => calendarOfOrder(child)));
  await insertParentOrder({ ...(first ? orderOf(first, parentId) : ({} as NewOrder)), childOrderIds: children.map((child) => child.orderId) }, children, actor, calendars);
  await startWorkflows(children.map((child) => child.orderId));
  logger.info('multi-site order submitted', { orderId: parentId, children: children.length });
  return getOrderDetail(parentId);
}

async function startWorkflows(orderIds: readonly string[]): Promise<void> {
  for (const orderId of orderIds) {
    const executionArn = await startOrderWorkflow(orderId);
    await recordExecution(orderId, executionArn);
  }
}

const commandStore = idempotencyStore('submitOrder');

export const submitOrderIdempotency = new IdempotencyConfig({ eventKeyJmesPath: '[idempotencyKey, principal.userId]', payloadValidationJmesPath: 'request',
  // The caller is part of the key: two people never share one idempotent result.
 expiresAfterSeconds: 24 * 3600 });

/** The same Idempotency-Key with the same body answers with the first order; with another body it is refused. */
export const submitOrderOnce = makeIdempotent(
  async (command: { idempotencyKey: string; request: CreateProductOrderRequest; principal: Principal }) => {
    const detail = await submitOrder(command.principal, command.request);
    return { orderId: detail.order.orderId };
  },
  {
    persistenceStore: commandStore,
    config: submitOrderIdempotency,
  },
);
