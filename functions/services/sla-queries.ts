/**
 * What the people in charge see of jeopardy: the at-risk list (open stages and orders at risk or breached now, least
 * time left first) and escalations, both inside the caller's row-level scope; and acknowledging an escalation.
 */
import { now as businessNow } from '../commons/clock.ts';
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { acknowledgementDecision, escalationIdOf } from '../domain/escalation.ts';
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { jeopardyStatusAt } from '../domain/sla-jeopardy.ts';
import type { SlaTarget } from '../domain/order-stages.ts';
import { acknowledgeEscalation, findEscalation, listEscalationsInScope, watchesInJeopardy } from '../data/sla-repository.ts';
import type { EscalationRecord } from '../data/entities/escalation.ts';
import type { SlaWatchRecord } from '../data/entities/sla-watch.ts';
import type { Page } from '../data/page.ts';

export interface AtRiskItem {
  readonly orderId: string;
  readonly stage: SlaTarget;
  readonly status: 'AT_RISK' | 'BREACHED';
  readonly owner: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly accountManager: string;
  readonly startedAt: string;
  readonly atRiskAt: string;
  readonly dueAt: string;
  readonly timeLeftMs: number;
  readonly escalationId?: string;
}

function toAtRiskItem(watch: SlaWatchRecord, now: Date): AtRiskItem {
  const status = jeopardyStatusAt({ atRiskAt: new Date(watch.atRiskAt), dueAt: new Date(watch.dueAt) }, now) === 'BREACHED' || watch.state === 'BREACHED' ? 'BREACHED' : 'AT_RISK';
  return {
    orderId: watch.orderId,
    stage: watch.target,
    status,
    owner: watch.owner,
    accountId: watch.accountId,
    accountName: watch.accountName,
    accountManager: watch.accountManager,
    startedAt: watch.startedAt,
    atRiskAt: watch.atRiskAt,
    dueAt: watch.dueAt,
    timeLeftMs: Date.parse(watch.dueAt) - now.getTime(),
    ...(status === 'BREACHED' ? { escalationId: escalationIdOf(watch.orderId, watch.target) } : {}),
  };
}

/** Two Queries on the sparse index of the caller's scope (at risk, breached); least time left first. */
export async function atRiskFor(principal: Principal, limit: number, now: Date = businessNow()): Promise<{ asOf: string; items: AtRiskItem[] }> {
  const scope = accountScopeOf(principal);
  const [atRisk, breached] = await Promise.all([watchesInJeopardy(scope, 'AT_RISK', limit), watchesInJeopardy(scope, 'BREACHED', limit)]);
  const items = [...breached, ...atRisk]
    .map((watch) => toAtRiskItem(watch, now))
    .sort((a, b) => a.timeLeftMs - b.timeLeftMs)
    .slice(0, limit);
  return { asOf: now.toISOString(), items };
}

export function toEscalationView(escalation: EscalationRecord) {
  const { escalationId, target, supervisorId: _supervisorId, unitId: _unitId, updatedAt: _updatedAt, ...rest } = escalation;
  return { id: escalationId, stage: target, ...rest };
}

export function escalationsFor(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<EscalationRecord>> {
  return listEscalationsInScope(accountScopeOf(principal), page);
}

export async function escalationFor(principal: Principal, escalationId: string): Promise<EscalationRecord> {
  const escalation = await findEscalation(escalationId);
  if (!escalation || !scopeCovers(accountScopeOf(principal), escalation)) {
    if (escalation) logger.warn('access refused', { kind: 'escalation', id: escalationId, userId: principal.userId });
    throw new NotFoundError('escalation', escalationId);
  }
  return escalation;
}

/** Taking ownership: idempotent for whoever holds it; anyone else is told who does (409). */
export async function acknowledgeEscalationFor(principal: Principal, escalationId: string): Promise<EscalationRecord> {
  const escalation = await escalationFor(principal, escalationId);
  const decision = acknowledgementDecision(escalation, principal.userId);
  if (decision.kind === 'ALREADY_YOURS') return escalation;
  if (decision.kind === 'TAKEN') throw new ConflictError(`escalation ${escalationId} is already acknowledged by ${decision.by}`);
  try {
    return await acknowledgeEscalation(escalation, principal.userId, businessNow().toISOString());
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Someone acknowledged between our read and our write: answer as if we had read it after.
    const current = await escalationFor(principal, escalationId);
    const again = acknowledgementDecision(current, principal.userId);
    if (again.kind === 'TAKEN') throw new ConflictError(`escalation ${escalationId} is already acknowledged by ${again.by}`);
    return current;
  }
}
