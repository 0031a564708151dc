/**
 * The stages of the closed loop, each at a work position (工位) with an owner. An order keeps one record per stage it
 * has entered, with its start, finish, attempts and outcome.
 */
export const orderStages = [
  'ORDER_ACCEPTANCE',
  'RESOURCE_CONFIRMATION',
  'NETWORK_BUILD',
  'ACTIVATION',
  'TEST',
  'CUSTOMER_ACCEPTANCE',
  'BILLING_START',
  'CRM_CLOSE',
] as const;
export type OrderStage = (typeof orderStages)[number];

export const workPositions = [
  'ACCEPTANCE_DESK',
  'NETWORK_RESOURCES',
  'PLANNING',
  'PROVISIONING_SYSTEM',
  'OPERATIONS',
  'ACCOUNT_MANAGER',
  'BILLING',
] as const;
export type WorkPosition = (typeof workPositions)[number];

export const stageStatuses = ['PENDING', 'IN_PROGRESS', 'WAITING', 'HELD', 'DONE', 'FAILED', 'CANCELLED'] as const;
export type StageStatus = (typeof stageStatuses)[number];

export interface StageDefinition {
  readonly stage: OrderStage;
  readonly sequence: number;
  readonly workPosition: WorkPosition;
  /** Who owns the stage when the account manager does not: a team or a machine actor. */
  readonly defaultOwner: 'ACCOUNT_MANAGER' | `team:${string}` | `system:${string}`;
  /** Stages that wait for an outside party (callback) rather than run to completion in one task. */
  readonly waitsForCallback: boolean;
}

export const stageDefinitions: Readonly<Record<OrderStage, StageDefinition>> = {
  ORDER_ACCEPTANCE: { stage: 'ORDER_ACCEPTANCE', sequence: 1, workPosition: 'ACCEPTANCE_DESK', defaultOwner: 'ACCOUNT_MANAGER', waitsForCallback: false },
  RESOURCE_CONFIRMATION: { stage: 'RESOURCE_CONFIRMATION', sequence: 2, workPosition: 'NETWORK_RESOURCES', defaultOwner: 'team:network-resources', waitsForCallback: false },
  NETWORK_BUILD: { stage: 'NETWORK_BUILD', sequence: 3, workPosition: 'PLANNING', defaultOwner: 'team:planning', waitsForCallback: true },
  ACTIVATION: { stage: 'ACTIVATION', sequence: 4, workPosition: 'PROVISIONING_SYSTEM', defaultOwner: 'system:provisioning', waitsForCallback: true },
  TEST: { stage: 'TEST', sequence: 5, workPosition: 'OPERATIONS', defaultOwner: 'team:operations', waitsForCallback: false },
  CUSTOMER_ACCEPTANCE: { stage: 'CUSTOMER_ACCEPTANCE', sequence: 6, workPosition: 'ACCOUNT_MANAGER', defaultOwner: 'ACCOUNT_MANAGER', waitsForCallback: true },
  BILLING_START: { stage: 'BILLING_START', sequence: 7, workPosition: 'BILLING', defaultOwner: 'team:billing', waitsForCallback: false },
  CRM_CLOSE: { stage: 'CRM_CLOSE', sequence: 8, workPosition: 'ACCOUNT_MANAGER', defaultOwner: 'ACCOUNT_MANAGER', waitsForCallback: false },
};

export function stageOwner(stage: OrderStage, accountManager: string | undefined): string {
  const owner = stageDefinitions[stage].defaultOwner;
  if (owner === 'ACCOUNT_MANAGER') return accountManager ?? 'team:acceptance-desk';
  return owner;
}

/** Stages that accept callbacks from outside, and who may send them. */
export const callbackStages = ['ACTIVATION'] as const satisfies readonly OrderStage[];
export type CallbackStage = (typeof callbackStages)[number];

/** What an SLA watch watches: one stage of an order, or the order end to end. */
export type SlaTarget = OrderStage | 'ORDER';
export const orderTarget = 'ORDER' as const;
