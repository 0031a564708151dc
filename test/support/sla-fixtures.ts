/**
 * Orders placed straight through the data layer and the workflow's own steps, at instants a test chooses (the data
 * layer reads business time from Date, which a test may fake), with no workflow execution moving them on: so a test can
 * put an order's resource confirmation at any point of its SLA budget. Import only after the stack set the environment.
 */
import { ulid } from 'ulid';
import { findAccount } from '../../functions/data/accounts-repository.ts';
import { calendarOfOrder } from '../../functions/data/calendars-repository.ts';
import { getOrderDetail, insertOrder } from '../../functions/data/orders-repository.ts';
import type { NewOrder } from '../../functions/data/orders-repository.ts';
import { commitOrderChange } from '../../functions/services/order-change-commit.ts';
import { acknowledgeOrder } from '../../functions/services/order-fulfilment.ts';

/** Submits and acknowledges an order at the current (possibly faked) time and starts its resource confirmation. */
export async function orderInResourceConfirmation(accountId: string): Promise<string> {
  const account = await findAccount(accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  const orderId = `ord_${ulid()}`;
  const newOrder: NewOrder = {
      orderId,
      accountId,
      accountName: account.name,
      accountManager: account.accountManager,
      supervisorId: account.supervisorId,
      unitId: account.unitId,
      productId: 'EPL',
      bandwidth: '100M',
      places: [
        { role: 'A-end', city: '北京', address: '北京市西城区金融大街 1 号' },
        { role: 'Z-end', city: '上海', address: '上海市浦东新区世纪大道 8 号' },
      ],
      requestedCompletionDate: '2026-12-31',
      leaseTermDays: 365,
      orderDate: new Date().toISOString(),
  };
  await insertOrder(newOrder, 'user:test', await calendarOfOrder(newOrder));
  await acknowledgeOrder(orderId);
  const { order } = await getOrderDetail(orderId);
  await commitOrderChange({ order, event: 'START_RESOURCE_CHECK', stages: [{ stage: 'RESOURCE_CONFIRMATION', current: undefined, status: 'IN_PROGRESS', startAttempt: true }] });
  return orderId;
}

/** Finishes the resource confirmation (resources confirmed) at the current (possibly faked) time. */
export async function finishResourceConfirmation(orderId: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const stage = detail.stages.find((record) => record.stage === 'RESOURCE_CONFIRMATION');
  await commitOrderChange({
    order: detail.order,
    event: 'CONFIRM_RESOURCES',
    currentStage: 'ACTIVATION',
    stages: [{ stage: 'RESOURCE_CONFIRMATION', current: stage, status: 'DONE', finish: true, outcome: 'CONFIRMED' }],
  });
}
