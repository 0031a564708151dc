/**
 * What people and machines report back to a waiting stage: the provisioning system's progress, completion or failure,
 * the customer's acceptance, planning's build confirmation. Each is recorded with one conditional write first (so two
 * racing reports make one transition and one conflict), and only then handed to the waiting workflow task.
 */
import { ConflictError } from '../commons/errors.ts';
import { nowIso } from '../commons/clock.ts';
import { retryOnConflict } from '../commons/conflict-retry.ts';
import type { AcceptanceDecisionRequest } from '../api/schemas/acceptance.ts';
import type { NetworkBuildConfirmationRequest } from '../api/schemas/network-builds.ts';
import type { ProvisioningCallback } from '../api/schemas/provisioning.ts';
import { appendStageProgress, getOrderDetail, stageOf } from '../data/orders-repository.ts';
import { commitOrderChange } from './order-change-commit.ts';
import type { OrderStageRecord } from '../data/entities/order-stage.ts';
import { exchangesServing } from '../data/inventory-repository.ts';
import { ExchangeEntity } from '../data/entities/network-resource.ts';
import { completeWaitingTask, respondToWaitingTask } from './workflow-tasks.ts';
import { callbackEffect } from '../domain/provisioning-callback.ts';
import { observeCallbackLatency } from './callback-latency.ts';
import { networkBuildResult } from '../domain/stage-results.ts';

export interface CallbackReceipt {
  readonly orderId: string;
  readonly stage: string;
  readonly eventId: string;
  readonly status: string;
  readonly duplicate: boolean;
}

/** Why a callback finds nothing to report to: the order is not provisioning (held, cancelled …) or the stage moved on. */
function notWaiting(stage: OrderStageRecord | undefined, name: string, orderState: string): ConflictError {
  if (orderState !== 'PROVISIONING') return new ConflictError(`order is ${orderState}, not provisioning: stage ${name} takes no callbacks now`);
  return new ConflictError(`stage ${name} is ${stage ? stage.status : 'not started'}, not waiting for a callback`);
}

export async function receiveProvisioningCallback(orderId: string, callback: ProvisioningCallback, systemId: string): Promise<CallbackReceipt> {
  const receipt = { orderId, stage: 'ACTIVATION', eventId: callback.eventId, status: callback.status };
  return retryOnConflict(() => applyProvisioningCallback(orderId, callback, receipt, `system:${systemId}`), {
    attempts: 5,
    // Lost a race. If the winner was this very event, it is a duplicate; if the stage is still waiting (the other
    // write was only a progress note), apply again on the fresh record; otherwise the stage moved on: 409.
    onConflict: async (error) => {
      const stage = stageOf(await getOrderDetail(orderId), 'ACTIVATION');
      if (stage?.appliedEventIds?.includes(callback.eventId)) return { answer: { ...receipt, duplicate: true } };
      if (stage?.status !== 'WAITING') throw error;
      return 'retry';
    },
  });
}

async function applyProvisioningCallback(orderId: string, callback: ProvisioningCallback, receipt: Omit<CallbackReceipt, 'duplicate'>, actor: string): Promise<CallbackReceipt> {
  const detail = await getOrderDetail(orderId);
  const stage = stageOf(detail, 'ACTIVATION');
  if (stage?.appliedEventIds?.includes(callback.eventId)) return { ...receipt, duplicate: true };
  if (!stage || stage.status !== 'WAITING' || !stage.taskToken || detail.order.state !== 'PROVISIONING') throw notWaiting(stage, 'ACTIVATION', detail.order.state);
  const effect = callbackEffect(callback);
  if (effect.kind === 'progress') {
    await appendStageProgress(stage, effect.note);
  } else {
    const { stage: stageChange, ...orderChange } = effect.change;
    await commitOrderChange({ order: detail.order, actor, ...orderChange, stages: [{ stage: 'ACTIVATION', current: stage, finish: true, ...stageChange }] });
  }
  await respondToWaitingTask(stage.taskToken, effect.task, { orderId, stage: 'ACTIVATION' });
  observeCallbackLatency(detail, 'ACTIVATION', callback);
  return { ...receipt, duplicate: false };
}

export async function recordCustomerAcceptance(orderId: string, decision: AcceptanceDecisionRequest, recordedBy: string) {
  const detail = await getOrderDetail(orderId);
  const stage = stageOf(detail, 'CUSTOMER_ACCEPTANCE');
  const accepted = decision.decision === 'ACCEPTED';
  const alreadyRecorded = stage && stage.status !== 'WAITING' && stage.outcome === decision.decision && stage.finishedAt;
  if (alreadyRecorded && (detail.order.state === (accepted ? 'ACCEPTED' : 'ACCEPTANCE_FAILED') || (accepted && ['BILLING_STARTED', 'CLOSED'].includes(detail.order.state)))) {
    return { orderId, stage: 'CUSTOMER_ACCEPTANCE' as const, decision: decision.decision, recordedAt: stage.finishedAt ?? nowIso() };
  }
  if (!stage || stage.status !== 'WAITING' || !stage.taskToken || detail.order.state !== 'PENDING_ACCEPTANCE') {
    throw new ConflictError(`order ${orderId} is ${detail.order.state}: it is not waiting for customer acceptance`);
  }
  const note = decision.decision === 'REJECTED' ? decision.reason : (decision.note ?? 'accepted by the customer');
  await commitOrderChange({
    order: detail.order,
    actor: `user:${recordedBy}`,
    reason: note,
    event: accepted ? 'ACCEPT' : 'REJECT_ACCEPTANCE',
    currentStage: accepted ? 'BILLING_START' : 'ACTIVATION',
    stages: [
      {
        stage: 'CUSTOMER_ACCEPTANCE',
        current: stage,
        status: accepted ? 'DONE' : 'FAILED',
        finish: true,
        outcome: decision.decision,
        note: `${decision.signedBy ? `${note} (signed by ${decision.signedBy})` : note}; recorded by ${recordedBy}`,
      },
    ],
  });
  await completeWaitingTask(stage.taskToken, { decision: decision.decision }, { orderId, stage: 'CUSTOMER_ACCEPTANCE' });
  return { orderId, stage: 'CUSTOMER_ACCEPTANCE' as const, decision: decision.decision, recordedAt: nowIso() };
}

/**
 * Planning confirms the build that removes a shortfall. The build's deliverable (an access line and a port at the
 * serving exchange of each site that lacked them) joins the inventory in the same transaction, so the renewed
 * resource check can reserve it.
 */
export async function confirmNetworkBuild(orderId: string, confirmation: NetworkBuildConfirmationRequest, confirmedBy: string) {
  const detail = await getOrderDetail(orderId);
  const stage = stageOf(detail, 'NETWORK_BUILD');
  if (detail.order.state !== 'AWAITING_BUILD' || !stage || stage.status !== 'WAITING' || !stage.taskToken) {
    throw new ConflictError(`order ${orderId} is ${detail.order.state}: there is no open build request`);
  }
  const addResources: { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[] = [];
  for (const [index, place] of detail.order.places.entries()) {
    const exchange = (await exchangesServing(place.city))[0] ?? (await createBuildExchange(place.city));
    const buildId = `BUILD-${orderId.slice(-8)}-${stage.attempts}-${index}`;
    addResources.push({ exchangeCode: exchange.exchangeCode, resourceType: 'ACCESS_LINE', resourceId: buildId }, { exchangeCode: exchange.exchangeCode, resourceType: 'PORT', resourceId: buildId });
  }
  await commitOrderChange({
    order: detail.order,
    actor: `user:${confirmedBy}`,
    reason: `${confirmation.investmentType} investment, agreed date ${confirmation.agreedDate}`,
    event: 'CONFIRM_BUILD',
    currentStage: 'RESOURCE_CONFIRMATION',
    addResources,
    stages: [
      {
        stage: 'NETWORK_BUILD',
        current: stage,
        status: 'DONE',
        finish: true,
        outcome: confirmation.investmentType,
        note: `${confirmation.investmentType === 'ROLLING' ? 'rolling' : 'strategic'} investment, agreed date ${confirmation.agreedDate}${confirmation.note ? `: ${confirmation.note}` : ''}; confirmed by ${confirmedBy}`,
        resultJson: networkBuildResult(confirmation),
      },
    ],
  });
  await completeWaitingTask(stage.taskToken, { agreedDate: confirmation.agreedDate }, { orderId, stage: 'NETWORK_BUILD' });
  return { orderId, stage: 'NETWORK_BUILD', agreedDate: confirmation.agreedDate };
}

async function createBuildExchange(city: string) {
  const exchange = { exchangeCode: `EX-NEW-${Buffer.from(city).toString('hex').slice(0, 12).toUpperCase()}`, city, name: `${city} new build exchange` };
  await ExchangeEntity.put(exchange).go();
  return exchange;
}
