/** Named access patterns for contracts and the approvals inbox. */
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { ContractEntity } from './entities/contract.ts';
import type { Page } from './page.ts';
import { isConditionFailure } from './table.ts';
import type { AccountScope } from '../domain/people.ts';
import type { ContractRecord } from './entities/contract.ts';


export async function insertContract(contract: ContractRecord): Promise<ContractRecord> {
  await ContractEntity.create(contract).go();
  return contract;
}

export async function findContract(contractId: string): Promise<ContractRecord | undefined> {
  const { data } = await ContractEntity.get({ contractId }).go();
  return data ?? undefined;
}

export async function getContract(contractId: string): Promise<ContractRecord> {
  const { data } = await ContractEntity.get({ contractId }).go();
  if (!data) throw new NotFoundError('contract', contractId);
  return data;
}

export async function contractsOfAccount(accountId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  const result = await ContractEntity.query.byAccount({ accountId }).go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

export async function approvalInbox(queue: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  const result = await ContractEntity.query.byApprovalQueue({ approvalQueue: queue }).go({ order: 'asc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

/** Records a decision, conditional on the contract still waiting at the version read: approving twice cannot happen. */
export async function decideContract(contract: ContractRecord, decision: ContractRecord['decisions'][number]): Promise<ContractRecord> {
  const set = { status: decision.decision, approvalQueue: 'none', decisions: [...contract.decisions, decision], version: contract.version + 1 };
  try {
    await ContractEntity.patch({ contractId: contract.contractId })
      .set(set)
      .composite({ submittedAt: contract.submittedAt })
      .where((attributes, { eq }) => `${eq(attributes.version, contract.version)} AND ${eq(attributes.status, 'PENDING_APPROVAL')}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`contract ${contract.contractId} was decided concurrently`);
    throw error;
  }
  return { ...contract, ...set };
}

/** Contracts inside a row-level scope, newest first: one Query on the index that answers the scope. */
export async function listContractsInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<ContractRecord>> {
  const options = { order: 'desc' as const, limit: page.limit, cursor: page.cursor ?? null };
  const query = ContractEntity.query;
  const result = await (() => {
    switch (scope.kind) {
      case 'none':
        return undefined;
      case 'all':
        return query.allContracts({}).go(options);
      case 'unit':
        return query.byUnit({ unitId: scope.unitId }).go(options);
      case 'team':
        return query.byTeam({ supervisorId: scope.supervisorId }).go(options);
      case 'owner':
        return query.byOwner({ accountManager: scope.userId }).go(options);
    }
  })();
  return result ? { items: result.data, nextCursor: result.cursor ?? undefined } : { items: [], nextCursor: undefined };
}
