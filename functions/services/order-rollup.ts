/**
 * 跨网一点受理: a parent order's state is rolled up from its child orders (domain/order-rollup.ts decides it). After a
 * child's state changes the parent is brought up to date; a parent that lost that race (or whose roll-up failed) is
 * repaired explicitly when it is next read — reads themselves never write.
 */
import { retryOnConflict } from '../commons/conflict-retry.ts';
import { ConflictError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { rollUpState } from '../domain/order-rollup.ts';
import { childOrdersOf, findOrder, writeParentRollUp } from '../data/orders-repository.ts';
import type { OrderDetail } from '../data/orders-repository.ts';

/** Roll the parent up now; a parent that keeps changing is read and decided again, with jitter, a few times. */
export async function rollUpParentOrder(parentOrderId: string): Promise<void> {
  await retryOnConflict(
    async () => {
      const parent = await findOrder(parentOrderId);
      if (!parent) return;
      const children = await childOrdersOf(parent);
      const next = rollUpState(children.map((child) => child.state));
      if (next === parent.state) return;
      const summary = children.map((child) => `${child.orderItemId ?? child.orderId}: ${child.state}`).join(', ');
      if (!(await writeParentRollUp(parent, next, summary))) throw new ConflictError(`parent order ${parentOrderId} changed while its state was rolled up`);
    },
    { attempts: 10, jitterMs: 50 },
  );
}

/** After a child's change: the roll-up never fails the child's step (it is already written); a parent left behind is repaired when read. */
export async function rollUpAfterChildChange(parentOrderId: string): Promise<void> {
  await rollUpParentOrder(parentOrderId).catch((error: unknown) =>
    logger.warn('parent roll-up deferred', { parentOrderId, error: error instanceof Error ? error.message : String(error) }),
  );
}

/** Whether a parent's recorded state lags its children's (a roll-up deferred by a lost race). */
export function rollUpIsBehind(detail: OrderDetail): boolean {
  return detail.children !== undefined && rollUpState(detail.children.map((child) => child.state)) !== detail.order.state;
}
