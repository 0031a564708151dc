/**
 * Contracts under commercial authorisation (商务授权): the required level comes from the matrix; a submitter with that
 * authority approves by submitting, otherwise the contract waits in the inbox of the person who holds it for the
 * account (its supervisor, its unit's department head, or the group level). Every decision is kept: who, when, why.
 */
import { ulid } from 'ulid';
import { nowIso } from '../commons/clock.ts';
import { ConflictError, ForbiddenError } from '../commons/errors.ts';
import { circuitProducts } from '../domain/catalogue.ts';
import { currentCatalogue } from '../data/catalogue-repository.ts';
import { authorityOf, defaultAuthorisationMatrix, mayApprove, requiredApproval } from '../domain/commercial-authorisation.ts';
import type { ApprovalLevel } from '../domain/commercial-authorisation.ts';
import { accountScopeOf } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { ValidationError } from '../commons/errors.ts';
import type { ContractDecisionRequest, CreateContractRequest } from '../api/schemas/contracts.ts';
import { approvalInbox, listContractsInScope, contractsOfAccount, decideContract, getContract, insertContract } from '../data/contracts-repository.ts';
import type { ContractRecord } from '../data/entities/contract.ts';
import type { Page } from '../data/page.ts';
import { assertCovers } from './access.ts';
import { getAccountFor } from './accounts.ts';

function queueFor(level: ApprovalLevel, account: { supervisorId: string; unitId: string; accountManager: string }): string {
  switch (level) {
    case 'KEY_ACCOUNT_MANAGER':
      return `KEY_ACCOUNT_MANAGER#${account.accountManager}`;
    case 'SUPERVISOR':
      return `SUPERVISOR#${account.supervisorId}`;
    case 'DEPARTMENT_HEAD':
      return `DEPARTMENT_HEAD#${account.unitId}`;
    case 'GROUP_COMMERCIAL':
      return 'GROUP_COMMERCIAL#all';
  }
}

/** The inbox a person decides from: the queue of their highest approval level. */
function inboxOf(principal: Principal): string | undefined {
  switch (authorityOf(principal.roles)) {
    case 'GROUP_COMMERCIAL':
      return 'GROUP_COMMERCIAL#all';
    case 'DEPARTMENT_HEAD':
      return principal.unitId ? `DEPARTMENT_HEAD#${principal.unitId}` : undefined;
    case 'SUPERVISOR':
      return `SUPERVISOR#${principal.userId}`;
    default:
      return undefined;
  }
}

export async function submitContract(principal: Principal, accountId: string, request: CreateContractRequest): Promise<ContractRecord> {
  const account = await getAccountFor(principal, accountId);
  const catalogue = new Map((await currentCatalogue()).map((spec) => [spec.id, spec]));
  const lines = request.lines.map((line, index) => {
    const spec = catalogue.get(line.productId) ?? circuitProducts[line.productId];
    const price = spec.prices[line.bandwidth];
    if (!price) throw ValidationError.forField(`lines.${index}.bandwidth`, `${line.productId} is sold at ${Object.keys(spec.prices).join(', ')}`);
    return { ...line, listMonthlyCharge: price.monthlyCharge, oneOffCharge: price.oneOffCharge };
  });
  const value = (monthly: (line: (typeof lines)[number]) => number) => lines.reduce((sum, line) => sum + line.quantity * (line.oneOffCharge + monthly(line) * request.termMonths), 0);
  const listValue = value((line) => line.listMonthlyCharge);
  const agreedValue = value((line) => line.agreedMonthlyCharge);
  if (agreedValue > listValue) throw ValidationError.forField('lines', 'agreed charges above the list price are not a discount; quote list prices');
  const decision = requiredApproval({ listValue, agreedValue, slaClass: request.slaClass, committedActivationDays: request.committedActivationDays });
  const at = nowIso();
  const approvedBySubmitting = mayApprove(principal.roles, decision.level);
  return insertContract({
    contractId: `con_${ulid()}`,
    accountId,
    accountManager: account.accountManager,
    supervisorId: account.supervisorId,
    unitId: account.unitId,
    title: request.title,
    termMonths: request.termMonths,
    slaClass: request.slaClass,
    committedActivationDays: request.committedActivationDays,
    ...(request.signedDate ? { signedDate: request.signedDate } : {}),
    lines,
    listValue,
    agreedValue,
    discountPercent: decision.discountPercent,
    requiredLevel: decision.level,
    approvalReasons: [...decision.reasons],
    matrixVersion: defaultAuthorisationMatrix.version,
    status: approvedBySubmitting ? 'APPROVED' : 'PENDING_APPROVAL',
    approvalQueue: approvedBySubmitting ? 'none' : queueFor(decision.level, account),
    decisions: approvedBySubmitting ? [{ decision: 'APPROVED', by: principal.userId, at, reason: `within the submitter's own authority (${authorityOf(principal.roles)})` }] : [],
    submittedBy: principal.userId,
    submittedAt: at,
    version: 1,
  });
}

export async function contractFor(principal: Principal, contractId: string): Promise<ContractRecord> {
  const contract = await getContract(contractId);
  assertCovers(principal, contract, 'account', contract.accountId);
  return contract;
}

export async function contractsOfAccountFor(principal: Principal, accountId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  await getAccountFor(principal, accountId);
  return contractsOfAccount(accountId, page);
}

/** Every contract within the caller's reach (owner, team, unit or all), newest first. */
export async function contractsInReach(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  return listContractsInScope(accountScopeOf(principal), page);
}

export async function inboxFor(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  const queue = inboxOf(principal);
  return queue ? approvalInbox(queue, page) : { items: [], nextCursor: undefined };
}

/** Idempotent: the same decision again answers with the contract; the opposite decision after one is a conflict. */
export async function decide(principal: Principal, contractId: string, request: ContractDecisionRequest): Promise<ContractRecord> {
  const contract = await contractFor(principal, contractId);
  if (contract.status !== 'PENDING_APPROVAL') {
    if (contract.status === request.decision) return contract;
    throw new ConflictError(`contract ${contractId} is ${contract.status.toLowerCase()} already`);
  }
  if (!mayApprove(principal.roles, contract.requiredLevel)) {
    throw new ForbiddenError(`this contract needs ${contract.requiredLevel} authority; ${authorityOf(principal.roles) ?? 'no approval authority'} is not enough`);
  }
  return decideContract(contract, { decision: request.decision, by: principal.userId, at: nowIso(), reason: request.reason });
}

export function toContractView(contract: ContractRecord) {
  const { contractId, accountManager: _owner, supervisorId: _supervisor, unitId: _unit, approvalQueue: _queue, matrixVersion: _matrix, ...rest } = contract;
  return { id: contractId, ...rest };
}
