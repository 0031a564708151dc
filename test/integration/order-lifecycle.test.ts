/**
 * The order lifecycle beyond the straight path, through HTTP on the local stack with the test playing the provisioning
 * system: a customer-caused hold stops the clock and resumes where it stopped; amendments re-check resources or
 * re-activate; cancellation before the point of no return releases reservations and charges build costs, after it is
 * refused with the reason; a cancellation racing a completion has exactly one winner; a failed activation goes to the
 * fallout queue and is retried from there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';
import { call, createAccount, getOrder, inState, orderRequest, ordersPath, signedCallback, stage, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';
import type { ProductOrder } from '../support/api-client.ts';
import { buildNationalCalendar } from '../../functions/domain/business-calendar.ts';

/** No calendar data is saved in this file: the national calendar from the package is what orders are planned on. */
const businessCalendar = buildNationalCalendar();
import { dueAfterHold } from '../../functions/domain/order-sla.ts';
import { elapsedWorkingTime } from '../../functions/domain/sla-clock.ts';

let stack: LocalStack;
let sink: Awaited<ReturnType<typeof startWebhookSink>>;
const tokens: Record<string, string> = {};
const cancelPath = '/tmf-api/productOrderingManagement/v4/cancelProductOrder';

beforeAll(async () => {
  sink = await startWebhookSink();
  process.env.PROVISIONING_WEBHOOK_URL = sink.url;
  stack = await startTestStack({ simulator: false });
  for (const user of ['admin', 'km.wang', 'km.li', 'ops.net']) tokens[user] = await stack.signIn(user);
  useToken(tokens.admin);
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

type LifecycleOrder = ProductOrder & {
  availableActions: string[];
  hold?: { reason: string; approvedBy: string; startedAt: string; heldFrom: string };
  holdHistory?: { startedAt: string; endedAt: string; heldWorkingHours?: number; resumedBy: string }[];
  cancellation?: { id: string; state: string; releasedResources?: string[]; buildCostCharged?: number };
  events: { type: string; fromState?: string; toState?: string; actor: string; reason?: string }[];
  billing?: { chargeType: string; oneOffCharge: number; monthlyCharge: number };
  dueAt?: string;
  stages: (ProductOrder['stages'][number] & { dueAt?: string })[];
};

const as = (user: string) => useToken(tokens[user]);
const lifecycle = async (orderId: string) => (await getOrder(stack.apiUrl, orderId)) as LifecycleOrder;
const waitingForActivation = (o: ProductOrder) => o.kamflowState === 'PROVISIONING' && stage(o, 'ACTIVATION').status === 'WAITING';
const completed = (eventId: string) => ({ eventId, status: 'COMPLETED', circuitId: `CIR-${eventId}`, testReport: { passed: true, measuredBandwidth: '100M', latencyMs: 3 } });
const requestsFor = (orderId: string) => (sink.received as { orderId: string; attempt: number; bandwidth: string; places: { city: string }[] }[]).filter((request) => request.orderId === orderId);

async function orderInActivation(options: Parameters<typeof orderRequest>[1] = {}): Promise<string> {
  as('admin');
  const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
  const order = await submitOrder(stack.apiUrl, orderRequest(account.id, options));
  await waitForOrder(stack.apiUrl, order.id, waitingForActivation);
  return order.id;
}

async function reservationsOf(order: ProductOrder): Promise<{ exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[]> {
  const { findOrderDetail } = await import('../../functions/data/orders-repository.ts');
  const detail = await findOrderDetail(order.id);
  const record = detail?.stages.find((s) => s.stage === 'RESOURCE_CONFIRMATION');
  return record?.resultJson ? ((JSON.parse(record.resultJson) as { reservations?: [] }).reservations ?? []) : [];
}

async function resourceStatus(resource: { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }) {
  const { NetworkResourceEntity } = await import('../../functions/data/entities/network-resource.ts');
  const { data } = await NetworkResourceEntity.get(resource).go();
  return { status: data?.status, reservedBy: data?.reservedBy };
}

describe('hold and resume (customer-caused, the clock stops)', () => {
  it('holds an activation, refuses callbacks while held, and resumes it with due times moved by the held working time', async () => {
    const orderId = await orderInActivation();
    const before = await lifecycle(orderId);
    expect(before.availableActions).toEqual(['hold', 'amend', 'cancel']);

    as('km.wang');
    const held = await call<LifecycleOrder>(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, { reason: '客户机房装修，暂停施工', expectedResumeDate: '2026-12-20' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ state: 'held', kamflowState: 'HELD', hold: { reason: '客户机房装修，暂停施工', approvedBy: 'km.wang', heldFrom: 'PROVISIONING' }, availableActions: ['resume', 'cancel'] });
    expect(stage(held.body, 'ACTIVATION').status).toBe('HELD');
    // holding again is harmless; the provisioning system's completion is refused while the order is held
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, { reason: 'again' })).status).toBe(200);
    const whileHeld = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`held-${orderId.slice(-6)}`));
    expect(whileHeld.status).toBe(409);
    // The stage still waits; the order does not: the 409 says which.
    expect(whileHeld.body.message).toBe('order is HELD, not provisioning: stage ACTIVATION takes no callbacks now');

    await new Promise((resolve) => setTimeout(resolve, 400));
    const key = { 'idempotency-key': `resume-${orderId.slice(-10)}` };
    const resumed = await call<LifecycleOrder>(stack.apiUrl, 'POST', `/api/orders/${orderId}/resume`, { note: '装修完成' }, key);
    expect(resumed.status).toBe(200);
    // the same request again (a client retry after a lost response) answers with the order, not a 409; another body with that key is refused
    const repeated = await call<LifecycleOrder>(stack.apiUrl, 'POST', `/api/orders/${orderId}/resume`, { note: '装修完成' }, key);
    expect(repeated.status).toBe(200);
    expect(repeated.body.holdHistory).toHaveLength(1);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/resume`, { note: 'other' }, key)).status).toBeGreaterThanOrEqual(400);
    expect(resumed.body.kamflowState).toBe('PROVISIONING');
    // the activation stage runs again: in progress until the workflow has re-sent the request and waits
    expect(['IN_PROGRESS', 'WAITING']).toContain(stage(resumed.body, 'ACTIVATION').status);
    expect(resumed.body.hold).toBeUndefined();
    const [entry] = resumed.body.holdHistory ?? [];
    expect(entry).toMatchObject({ resumedBy: 'km.wang' });
    // the clock stopped for exactly the working time of the hold; every unfinished due time moved by it
    const start = new Date(entry?.startedAt ?? '');
    const end = new Date(entry?.endedAt ?? '');
    expect(entry?.heldWorkingHours).toBeCloseTo(elapsedWorkingTime(start, end, businessCalendar) / 3_600_000, 2);
    expect(resumed.body.dueAt).toBe(dueAfterHold(before.dueAt ?? '', start, end, businessCalendar));
    expect(stage(resumed.body, 'ACTIVATION') as { dueAt?: string }).toMatchObject({ dueAt: dueAfterHold(stage(before, 'ACTIVATION').dueAt ?? '', start, end, businessCalendar) });
    expect(resumed.body.events.map((e) => `${e.fromState ?? ''}>${e.toState ?? ''}`)).toEqual(expect.arrayContaining(['PROVISIONING>HELD', 'HELD>PROVISIONING']));
    expect(resumed.body.events.find((e) => e.toState === 'HELD')).toMatchObject({ actor: 'user:km.wang', reason: expect.stringContaining('客户机房装修') });

    // the activation request goes out again (same request id) and the loop completes
    await waitForOrder(stack.apiUrl, orderId, waitingForActivation);
    await expect.poll(() => requestsFor(orderId).length).toBeGreaterThanOrEqual(2);
    expect(new Set(requestsFor(orderId).map((request) => request.attempt))).toEqual(new Set([1]));
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`done-${orderId.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'));
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/resume`, {})).status).toBe(409);
  });

  it('lets only the people of the account hold it', async () => {
    const orderId = await orderInActivation();
    as('ops.net');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, { reason: 'x' })).status).toBe(403);
    as('km.li');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, { reason: 'x' })).status).toBe(404);
    as('km.wang');
    const missing = await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    useToken(undefined);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/hold`, { reason: 'x' })).status).toBe(401);
  });
});

describe('cancellation and the point of no return', () => {
  it('cancels an order in activation: reservations go back to the inventory, the timeline says so', async () => {
    const orderId = await orderInActivation();
    const running = await lifecycle(orderId);
    const reserved = await reservationsOf(running);
    expect(reserved).toHaveLength(4);
    for (const resource of reserved) expect(await resourceStatus(resource)).toEqual({ status: 'RESERVED', reservedBy: orderId });

    as('km.wang');
    const requested = await call<{ id: string; state: string; productOrder: { id: string } }>(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: orderId }, cancellationReason: '客户预算取消' });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ productOrder: { id: orderId } });
    expect(['acknowledged', 'inProgress', 'done']).toContain(requested.body.state);
    const cancelled = (await waitForOrder(stack.apiUrl, orderId, inState('CANCELLED'))) as LifecycleOrder;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.cancellation).toMatchObject({ state: 'done', releasedResources: expect.arrayContaining([expect.stringContaining('ACCESS_LINE')]), buildCostCharged: 0 });
    expect(cancelled.cancellation?.releasedResources).toHaveLength(4);
    for (const resource of reserved) expect(await resourceStatus(resource)).toEqual({ status: 'AVAILABLE', reservedBy: undefined });
    expect(stage(cancelled, 'ACTIVATION').status).toBe('CANCELLED');
    expect(cancelled.events.map((e) => `${e.fromState ?? ''}>${e.toState ?? ''}`).filter((t) => t !== '>')).toEqual(
      expect.arrayContaining(['PROVISIONING>ASSESSING_CANCELLATION', 'ASSESSING_CANCELLATION>PENDING_CANCELLATION', 'PENDING_CANCELLATION>CANCELLED']),
    );
    expect(cancelled.events.find((e) => e.toState === 'CANCELLED')?.reason).toMatch(/released ACCESS_LINE .* PORT /);
    expect(cancelled.availableActions).toEqual([]);

    const view = await call<{ state: string; effectiveCancellationDate?: string }>(stack.apiUrl, 'GET', `${cancelPath}/${requested.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body.state).toBe('done');
    expect(view.body.effectiveCancellationDate).toBeDefined();
    // a late completion from the provisioning system finds nothing waiting; a second cancellation is idempotent
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`late-${orderId.slice(-6)}`))).status).toBe(409);
    expect((await call(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: orderId }, cancellationReason: 'again' })).status).toBe(201);
    const execution = await stack.engine.waitForExecution(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`, 10_000);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('refuses cancellation after the circuit is activated, with the reason', async () => {
    const orderId = await orderInActivation();
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`ok-${orderId.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'));
    as('km.wang');
    const refused = await call<{ message: string }>(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: orderId }, cancellationReason: '不要了' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/point of no return/);
    expect((await lifecycle(orderId)).kamflowState).toBe('PENDING_ACCEPTANCE');
  });

  it('charges build costs incurred when a held order waiting for a build is cancelled', async () => {
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id, { aCity: '北京', zCity: '拉萨' }));
    await waitForOrder(stack.apiUrl, order.id, (o) => o.kamflowState === 'AWAITING_BUILD' && o.stages.some((s) => s.stage === 'NETWORK_BUILD' && s.status === 'WAITING'));
    const agreedDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${order.id}/network-build`, { investmentType: 'STRATEGIC', agreedDate, buildCost: 12000 })).status).toBe(202);
    await waitForOrder(stack.apiUrl, order.id, waitingForActivation);
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${order.id}/hold`, { reason: '客户要求延期' })).status).toBe(200);
    expect((await call(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: order.id }, cancellationReason: '客户撤单' })).status).toBe(201);
    const cancelled = (await waitForOrder(stack.apiUrl, order.id, inState('CANCELLED'))) as LifecycleOrder;
    expect(cancelled.cancellation).toMatchObject({ state: 'done', buildCostCharged: 12000 });
    expect(cancelled.billing).toMatchObject({ chargeType: 'CANCELLATION', oneOffCharge: 12000, monthlyCharge: 0 });
    expect(cancelled.hold).toBeUndefined();
    expect(cancelled.events.map((e) => e.toState)).toEqual(expect.arrayContaining(['HELD', 'ASSESSING_CANCELLATION', 'CANCELLED']));
  });

  it('lets exactly one of a cancellation and a racing completion win, consistently recorded', async () => {
    for (let round = 0; round < 4; round += 1) {
      const orderId = await orderInActivation();
      as('km.wang');
      const [cancel, completion] = await Promise.all([
        call(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: orderId }, cancellationReason: 'race' }),
        signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`race-${round}-${orderId.slice(-6)}`)),
      ]);
      expect([cancel.status, completion.status].sort()).toEqual(cancel.status === 201 ? [201, 409] : [200, 409]);
      if (cancel.status === 201) {
        const final = (await waitForOrder(stack.apiUrl, orderId, inState('CANCELLED'))) as LifecycleOrder;
        expect(final.circuitId).toBeUndefined();
        expect(final.events.some((e) => e.toState === 'TECHNICALLY_COMPLETE')).toBe(false);
      } else {
        const final = (await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'))) as LifecycleOrder;
        expect(final.cancellation).toBeUndefined();
        expect(final.events.some((e) => e.toState === 'ASSESSING_CANCELLATION')).toBe(false);
      }
    }
  });
});

describe('amendments', () => {
  it('re-activates on a new bandwidth and re-checks resources when a site moves', async () => {
    const orderId = await orderInActivation();
    const before = await lifecycle(orderId);
    const oldReservations = await reservationsOf(before);
    as('km.wang');
    const faster = await call<LifecycleOrder>(stack.apiUrl, 'PATCH', `${ordersPath}/${orderId}`, { reason: '客户升级带宽', bandwidth: '1G' });
    expect(faster.status).toBe(200);
    const reactivated = await waitForOrder(stack.apiUrl, orderId, (o) => waitingForActivation(o) && stage(o, 'ACTIVATION').attempts === 2);
    expect(reactivated.productOrderItem[0]?.product.productCharacteristic).toContainEqual({ name: 'bandwidth', value: '1G' });
    await expect.poll(() => requestsFor(orderId).at(-1)).toMatchObject({ attempt: 2, bandwidth: '1G' });

    const moved = await call<LifecycleOrder>(stack.apiUrl, 'PATCH', `${ordersPath}/${orderId}`, { reason: '客户搬迁', place: [{ role: 'Z-end', city: '广州', address: '广州市天河区珠江新城 1 号' }] });
    expect(moved.status).toBe(200);
    const rechecked = (await waitForOrder(stack.apiUrl, orderId, (o) => waitingForActivation(o) && stage(o, 'ACTIVATION').attempts === 3)) as LifecycleOrder;
    expect(stage(rechecked, 'RESOURCE_CONFIRMATION').attempts).toBe(2);
    expect(rechecked.productOrderItem[0]?.product.place.map((place) => place.exchange?.slice(0, 2))).toEqual(['BJ', 'GZ']);
    // the Shanghai reservations went back; a Beijing one may have been picked again by the re-check
    const newReservations = await reservationsOf(rechecked);
    expect(newReservations.map((resource) => resource.exchangeCode.slice(0, 2)).sort()).toEqual(['BJ', 'BJ', 'GZ', 'GZ']);
    const key = (resource: { resourceId: string; exchangeCode: string }) => `${resource.exchangeCode}/${resource.resourceId}`;
    for (const resource of oldReservations) {
      const reservedAgain = newReservations.some((other) => key(other) === key(resource));
      expect(await resourceStatus(resource)).toEqual(reservedAgain ? { status: 'RESERVED', reservedBy: orderId } : { status: 'AVAILABLE', reservedBy: undefined });
    }
    expect(oldReservations.filter((resource) => resource.exchangeCode.startsWith('SH'))).toHaveLength(2);
    await expect.poll(() => requestsFor(orderId).at(-1)?.places.map((place) => place.city)).toEqual(['北京', '广州']);
    expect(rechecked.events.filter((e) => e.reason?.startsWith('amended')).map((e) => e.actor)).toEqual(['user:km.wang', 'user:km.wang']);

    // a bandwidth the product is not sold at, a site the order does not have, nothing to change: 400 naming the field
    const badBandwidth = await call(stack.apiUrl, 'PATCH', `${ordersPath}/${orderId}`, { reason: 'x', bandwidth: '400G' });
    expect(badBandwidth.status).toBe(400);
    expect(JSON.stringify(badBandwidth.body)).toContain('bandwidth');
    const nothing = await call(stack.apiUrl, 'PATCH', `${ordersPath}/${orderId}`, { reason: 'x' });
    expect(nothing.status).toBe(400);
    as('admin');
    const dia = await submitOrder(stack.apiUrl, orderRequest((await createAccount(stack.apiUrl)).id, { product: 'DIA', bandwidth: '10M', zCity: null }));
    const noSite = await call(stack.apiUrl, 'PATCH', `${ordersPath}/${dia.id}`, { reason: 'x', place: [{ role: 'Z-end', city: '上海', address: '某处' }] });
    expect(noSite.status).toBe(400);
    expect(JSON.stringify(noSite.body)).toContain('place.0.role');

    // past the point of no return an amendment is refused
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`amend-${orderId.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'));
    as('km.wang');
    expect((await call(stack.apiUrl, 'PATCH', `${ordersPath}/${orderId}`, { reason: 'late', bandwidth: '10G' })).status).toBe(409);
  });
});

describe('the fallout queue', () => {
  it('takes a failed activation, shows it to operations, and retries it at activation', async () => {
    const orderId = await orderInActivation();
    const failedCallback = { eventId: `fail-${orderId.slice(-6)}`, status: 'FAILED', reason: '光缆中断，无法割接' };
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, failedCallback)).status).toBe(200);
    const failed = (await waitForOrder(stack.apiUrl, orderId, inState('FAILED'))) as LifecycleOrder;
    expect(failed.availableActions).toEqual(['amend', 'cancel', 'retry']);

    as('ops.net');
    const queue = await call<ProductOrder[]>(stack.apiUrl, 'GET', '/api/fallout?limit=100');
    expect(queue.status).toBe(200);
    expect(queue.body.map((order) => order.id)).toContain(orderId);
    as('km.li');
    expect((await call<ProductOrder[]>(stack.apiUrl, 'GET', '/api/fallout?limit=100')).body.map((order) => order.id)).not.toContain(orderId);
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/retry`, {})).status).toBe(403);

    as('ops.net');
    const retried = await call<LifecycleOrder>(stack.apiUrl, 'POST', `/api/orders/${orderId}/retry`, { note: '光缆已修复' });
    expect(retried.status).toBe(202);
    const again = await waitForOrder(stack.apiUrl, orderId, (o) => waitingForActivation(o) && stage(o, 'ACTIVATION').attempts === 2);
    await expect.poll(() => requestsFor(orderId).at(-1)).toMatchObject({ attempt: 2 });
    expect((again as LifecycleOrder).events.find((e) => e.fromState === 'FAILED')).toMatchObject({ toState: 'RESOURCE_CONFIRMED', actor: 'user:ops.net' });
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/retry`, {})).status).toBe(409);
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(`retry-${orderId.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'));
  });

  it('cancels a failed order through a workflow of its own', async () => {
    const orderId = await orderInActivation();
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, { eventId: `f2-${orderId.slice(-6)}`, status: 'FAILED', reason: '设备故障' })).status).toBe(200);
    await waitForOrder(stack.apiUrl, orderId, inState('FAILED'));
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: orderId }, cancellationReason: '客户放弃' })).status).toBe(201);
    const cancelled = (await waitForOrder(stack.apiUrl, orderId, inState('CANCELLED'))) as LifecycleOrder;
    expect(cancelled.cancellation?.releasedResources).toHaveLength(4);
  });
});

describe('multi-site orders (跨网一点受理)', () => {
  function multiSiteRequest(accountId: string) {
    const single = orderRequest(accountId, { aCity: '北京', zCity: '上海' });
    const second = orderRequest(accountId, { aCity: '北京', zCity: '广州' });
    const [first] = single.productOrderItem;
    const [other] = second.productOrderItem;
    return { ...single, productOrderItem: [{ ...first, id: 'BJ-SH' }, { ...other, id: 'BJ-GZ' }] };
  }
  type ParentView = Omit<LifecycleOrder, 'productOrderItem'> & { orderRelationship?: { id: string; relationshipType: string; kamflowState?: string }[]; productOrderItem: { id: string; state: string }[] };

  it('opens a parent with a child per circuit, each with its own workflow; one failing leaves the parent partial', async () => {
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    as('km.wang');
    const parent = (await submitOrder(stack.apiUrl, multiSiteRequest(account.id))) as unknown as ParentView;
    expect(parent.orderRelationship?.map((relation) => relation.relationshipType)).toEqual(['child', 'child']);
    expect(parent.productOrderItem.map((item) => item.id)).toEqual(['BJ-SH', 'BJ-GZ']);
    expect(parent.stages).toEqual([]);
    const [shanghai, guangzhou] = (parent.orderRelationship ?? []).map((relation) => relation.id) as [string, string];

    // each child runs its own workflow to activation and names its parent; the accepting manager owns them all
    for (const child of [shanghai, guangzhou]) {
      const running = (await waitForOrder(stack.apiUrl, child, waitingForActivation)) as unknown as ParentView;
      expect(running.orderRelationship).toEqual([expect.objectContaining({ id: parent.id, relationshipType: 'parent' })]);
      expect(stage(running as unknown as ProductOrder, 'ORDER_ACCEPTANCE').owner).toBe('km.wang');
    }
    expect((await lifecycle(parent.id)).state).toBe('inProgress');
    as('km.li');
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}/${parent.id}`)).status).toBe(404);
    as('km.wang');
    // a parent is acted on through its children
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${parent.id}/hold`, { reason: 'x' })).status).toBe(409);

    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, shanghai, completed(`sh-${shanghai.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, shanghai, inState('PENDING_ACCEPTANCE'));
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${shanghai}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, guangzhou, { eventId: `gz-${guangzhou.slice(-6)}`, status: 'FAILED', reason: '广州端光缆未通' })).status).toBe(200);
    await waitForOrder(stack.apiUrl, shanghai, inState('CLOSED'));
    await waitForOrder(stack.apiUrl, guangzhou, inState('FAILED'));

    const partial = (await waitForOrder(stack.apiUrl, parent.id, inState('PARTIAL'))) as unknown as ParentView;
    expect(partial.state).toBe('partial');
    expect(partial.productOrderItem.map((item) => item.state)).toEqual(['completed', 'failed']);
    expect(partial.events.filter((e) => e.actor === 'system:rollup').at(-1)).toMatchObject({ toState: 'PARTIAL', reason: expect.stringContaining('BJ-GZ: FAILED') });

    // operations retry the failed child from the fallout queue: the parent is in progress again, then completed
    as('ops.net');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${guangzhou}/retry`, {})).status).toBe(202);
    await waitForOrder(stack.apiUrl, parent.id, (o) => o.state === 'inProgress');
    await waitForOrder(stack.apiUrl, guangzhou, waitingForActivation);
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, guangzhou, completed(`gz2-${guangzhou.slice(-6)}`))).status).toBe(200);
    await waitForOrder(stack.apiUrl, guangzhou, inState('PENDING_ACCEPTANCE'));
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${guangzhou}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    const completedParent = await waitForOrder(stack.apiUrl, parent.id, inState('CLOSED'));
    expect(completedParent.state).toBe('completed');
  });

  it('cancels every child still before its point of no return when the parent is cancelled', async () => {
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    as('km.wang');
    const parent = (await submitOrder(stack.apiUrl, multiSiteRequest(account.id))) as unknown as ParentView;
    const children = (parent.orderRelationship ?? []).map((relation) => relation.id);
    for (const child of children) await waitForOrder(stack.apiUrl, child, waitingForActivation);
    const cancel = await call(stack.apiUrl, 'POST', cancelPath, { productOrder: { id: parent.id }, cancellationReason: '项目取消' });
    expect(cancel.status).toBe(201);
    const cancelled = (await waitForOrder(stack.apiUrl, parent.id, inState('CANCELLED'))) as unknown as ParentView;
    expect(cancelled.cancellation).toMatchObject({ state: 'done' });
    for (const child of children) expect((await lifecycle(child)).kamflowState).toBe('CANCELLED');
  });

  it('refuses a multi-site order with a bad item, naming the item', async () => {
    as('admin');
    const account = await createAccount(stack.apiUrl);
    const request = multiSiteRequest(account.id);
    const [, second] = request.productOrderItem;
    const bad = { ...request, productOrderItem: [request.productOrderItem[0], { ...second, product: { ...second?.product, place: second?.product?.place.slice(0, 1) } }] };
    const response = await call(stack.apiUrl, 'POST', ordersPath, bad);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('productOrderItem.1.product.place');
    const duplicateIds = { ...request, productOrderItem: [request.productOrderItem[0], { ...second, id: 'BJ-SH' }] };
    expect((await call(stack.apiUrl, 'POST', ordersPath, duplicateIds)).status).toBe(400);
  });
});
