/**
 * How long a provisioning system took to answer: from the moment the stage started waiting for it (the activation
 * request of this attempt went out) to the callback's receipt, on the business clock.
 */
import { nowIso } from '../commons/clock.ts';
import { recordCallbackLatency } from '../commons/sla-metrics.ts';
import type { OrderDetail } from '../data/orders-repository.ts';
import type { CallbackStage } from '../domain/order-stages.ts';

/** When the latest attempt of the stage started waiting: its last audit event into WAITING. */
export function requestedAt(detail: OrderDetail, stage: CallbackStage): string | undefined {
  const waiting = detail.events.filter((event) => event.type === 'STAGE_UPDATE' && event.stage === stage && event.stageStatus === 'WAITING');
  return waiting.at(-1)?.at;
}

export function observeCallbackLatency(detail: OrderDetail, stage: CallbackStage, callback: { eventId: string; status: string }, receivedAt: string = nowIso()): void {
  const requested = requestedAt(detail, stage);
  if (!requested) return;
  recordCallbackLatency({
    orderId: detail.order.orderId,
    stage,
    callbackStatus: callback.status,
    eventId: callback.eventId,
    latencySeconds: Math.round((Date.parse(receivedAt) - Date.parse(requested)) / 10) / 100,
  });
}
