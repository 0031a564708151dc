/**
 * The shapes the KAMflow API returns, as the console sees them. The vocabularies are `as const` arrays so that
 * select inputs, chips and i18n keys are all driven from one list.
 */

export const industries = [
  'FINANCE',
  'GOVERNMENT',
  'SCIENCE_EDUCATION_CULTURE_HEALTH',
  'TRANSPORT',
  'PUBLIC_UTILITIES',
  'CARRIERS',
  'TRADE',
  'MANUFACTURING',
  'IT',
  'TOURISM_ENTERTAINMENT',
] as const;
export type Industry = (typeof industries)[number];

export const accountTiers = ['GROUP', 'PROVINCIAL', 'LOCAL'] as const;
export type AccountTier = (typeof accountTiers)[number];

export const accountStatuses = ['PROSPECT', 'ACTIVE', 'DORMANT', 'CHURNED'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export type Account = {
  id: string;
  name: string;
  industry: Industry;
  tier: AccountTier;
  status: AccountStatus;
  province?: string;
  city?: string;
  accountManager?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type AccountDraft = Pick<Account, 'name' | 'industry' | 'tier' | 'province' | 'city' | 'accountManager'>;

export type ProductBandwidth = { bandwidth: string; oneOffCharge: number; monthlyCharge: number };

export type Product = {
  id: string;
  name: string;
  nameZh: string;
  /** A point-to-point product has a Z-end; an access product (e.g. internet access) only an A-end. */
  pointToPoint: boolean;
  bandwidths: ProductBandwidth[];
};

export const tmfStates = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'completed',
  'failed',
  'rejected',
  'cancelled',
  'assessingCancellation',
  'pendingCancellation',
  'partial',
] as const;
export type TmfState = (typeof tmfStates)[number];

export const kamflowStates = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'REJECTED',
  'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED',
  'AWAITING_BUILD',
  'PROVISIONING',
  'TECHNICALLY_COMPLETE',
  'PENDING_ACCEPTANCE',
  'ACCEPTED',
  'ACCEPTANCE_FAILED',
  'BILLING_STARTED',
  'CLOSED',
  'FAILED',
  'HELD',
  'CANCELLED',
] as const;
export type KamflowState = (typeof kamflowStates)[number];

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
export type OrderStageName = (typeof orderStages)[number];

export const stageStatuses = ['PENDING', 'IN_PROGRESS', 'WAITING', 'DONE', 'FAILED'] as const;
export type StageStatus = (typeof stageStatuses)[number];

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

export type StageProgressNote = { at: string; message: string; percent?: number };

export type OrderStage = {
  stage: OrderStageName;
  sequence: number;
  workPosition: WorkPosition;
  owner: string;
  status: StageStatus;
  startedAt?: string;
  finishedAt?: string;
  attempts: number;
  note?: string;
  progress?: StageProgressNote[];
};

export type Place = { role: 'A-end' | 'Z-end'; city: string; address: string };

export type ProductOrderItem = {
  id: string;
  action: 'add';
  quantity: number;
  product: {
    productSpecification: { id: string; name?: string };
    productCharacteristic: { name: string; value: string }[];
    place: Place[];
  };
};

export type Billing = {
  billingAccountId?: string;
  oneOffCharge: number;
  monthlyCharge: number;
  currency: 'CNY';
  chargesFrom: string;
  leaseType: 'LONG_TERM' | 'TEMPORARY';
  startedAt?: string;
};

export type ProductOrder = {
  id: string;
  href: string;
  '@type': 'ProductOrder';
  externalId?: string;
  description?: string;
  state: TmfState;
  kamflowState: KamflowState;
  currentStage: OrderStageName;
  orderDate: string;
  requestedCompletionDate: string;
  completionDate?: string;
  relatedParty: { id: string; name?: string; role: string }[];
  productOrderItem: ProductOrderItem[];
  /** Present on a single order; a list page carries summaries whose stages may be empty. */
  stages: OrderStage[];
  billing?: Billing;
  circuitId?: string;
  failure?: { error: string; cause: string; at: string };
  rejectionReason?: string;
};

/** The body of `POST /tmf-api/productOrderingManagement/v4/productOrder`. */
export type ProductOrderCreate = {
  externalId?: string;
  description?: string;
  requestedCompletionDate: string;
  relatedParty: { id: string; role: 'customer' }[];
  productOrderItem: {
    id: '1';
    action: 'add';
    quantity: 1;
    product: {
      productSpecification: { id: string };
      productCharacteristic: { name: 'bandwidth'; value: string }[];
      place: Place[];
    };
  }[];
};

export type AcceptanceDecision =
  | { decision: 'ACCEPTED'; signedBy?: string }
  | { decision: 'REJECTED'; reason: string; signedBy?: string };

export type ApiIssue = { field: string; message: string };
export type ApiErrorBody = { code: string; message: string; issues?: ApiIssue[] };
