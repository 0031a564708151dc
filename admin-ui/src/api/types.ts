/**
 * The shapes the KAMflow API returns, as the console sees them. The vocabularies are `as const` arrays so that
 * select inputs, chips and i18n keys are all driven from one list.
 */

// The vocabularies come from the domain modules the API itself uses, so the console cannot drift from them.
export { industrySegments as industries, accountTiers, accountStatuses } from '../../../functions/domain/accounts.ts';
export type { IndustrySegment as Industry, AccountTier, AccountStatus } from '../../../functions/domain/accounts.ts';
import type { IndustrySegment as Industry, AccountTier, AccountStatus } from '../../../functions/domain/accounts.ts';

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
  parentAccountId?: string;
  monthlyBilledRevenue?: number;
  /** Own figures plus every branch below, within the caller's reach (on a single account and on branch listings). */
  rollup?: { monthlyBilledRevenue: number; openOrders: number; accounts: number };
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

export { bandwidths } from '../../../functions/domain/catalogue.ts';
export { tmfOrderStates as tmfStates, orderStates as kamflowStates } from '../../../functions/domain/order-lifecycle.ts';
export type { TmfOrderState as TmfState, OrderState as KamflowState } from '../../../functions/domain/order-lifecycle.ts';
export { orderStages, stageStatuses, workPositions } from '../../../functions/domain/order-stages.ts';
export type { OrderStage as OrderStageName, StageStatus, WorkPosition } from '../../../functions/domain/order-stages.ts';
import type { OrderStage as OrderStageName, StageStatus, WorkPosition } from '../../../functions/domain/order-stages.ts';
import type { OrderState as KamflowState, TmfOrderState as TmfState } from '../../../functions/domain/order-lifecycle.ts';

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
  /** Planned due time from the order's SLA plan; on-time and working hours once the stage is done. */
  dueAt?: string;
  onTime?: boolean;
  workingHours?: number;
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
  leaseType?: 'LONG_TERM' | 'TEMPORARY';
  chargeType?: 'SERVICE' | 'CANCELLATION';
  startedAt?: string;
};

export type OrderEvent = { id: string; at: string; type: string; actor: string; fromState?: string; toState?: string; stage?: string; stageStatus?: string; reason?: string };
export type { OrderAction } from '../../../functions/domain/order-lifecycle.ts';
import type { OrderAction } from '../../../functions/domain/order-lifecycle.ts';

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
  /** What the order's state allows now; the console offers only these (and only to roles the API lets do them). */
  availableActions?: OrderAction[];
  hold?: { reason: string; approvedBy: string; startedAt: string; heldFrom: KamflowState; expectedResumeDate?: string };
  holdHistory?: { reason: string; approvedBy: string; startedAt: string; endedAt: string; resumedBy: string; heldWorkingHours?: number }[];
  cancellation?: { id: string; state: 'acknowledged' | 'inProgress' | 'done' | 'terminatedWithError'; cancellationReason: string; requestedBy: string; requestedAt: string; effectiveCancellationDate?: string; releasedResources?: string[]; buildCostCharged?: number };
  events?: OrderEvent[];
  /** The order's end-to-end due time and its SLA plan (policy with version, calendar, every stage's planned due time). */
  dueAt?: string;
  slaPolicy?: { id: string; version: number; note: string; calendarId: string; stageDueTimes: Partial<Record<OrderStageName, string>> };
  /** 跨网一点受理: a parent lists its child orders, a child names its parent. */
  orderRelationship?: { id: string; href: string; relationshipType: 'parent' | 'child'; state?: TmfState; kamflowState?: KamflowState }[];
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

// ---------------------------------------------------------------- contracts, SLA policies, business calendars
export type ContractLine = { productId: string; bandwidth: string; quantity: number; listMonthlyCharge: number; agreedMonthlyCharge: number; oneOffCharge: number };
export type ContractDecision = { decision: 'APPROVED' | 'REFUSED'; by: string; at: string; reason: string };
export type ContractStatus = 'PENDING_APPROVAL' | 'APPROVED' | 'REFUSED';
/** A contract as the API shows it (functions/services/contracts.ts `toContractView`). */
export type ContractView = {
  id: string;
  accountId: string;
  title: string;
  termMonths: number;
  slaClass: string;
  committedActivationDays: number;
  signedDate?: string;
  lines: ContractLine[];
  listValue: number;
  agreedValue: number;
  discountPercent: number;
  requiredLevel: string;
  approvalReasons: string[];
  status: ContractStatus;
  decisions: ContractDecision[];
  submittedBy: string;
  submittedAt: string;
  version: number;
};

export type WorkingBudget = { workingDays?: number; workingHours?: number };
export type WorkingInterval = { start: string; end: string };
export type SlaPolicyView = {
  id: string;
  policyId: string;
  version: number;
  current: boolean;
  source: 'CLASS' | 'PRODUCT_STANDARD';
  appliesTo: { slaClass?: string; tier?: string; productId?: string };
  stageTargets: ({ stage: string } & WorkingBudget)[];
  endToEnd: WorkingBudget;
  jeopardyThreshold: number;
  calendarId: string;
  workingHours: WorkingInterval[];
  /** On the show page only: every version, newest first. */
  versions?: SlaPolicyView[];
};

export type CalendarSummary = {
  id: string;
  name: string;
  nameZh: string;
  kind: 'NATIONAL' | 'PROVINCE';
  publishedYears: number[];
  timeZone: string;
  workingHours: WorkingInterval[];
  extraHolidayCount: number;
  extraWorkingDayCount: number;
  additionalYears: number[];
  overridesVersion: number;
};
import type { PublishedDayKind } from '../../../functions/domain/business-calendar.ts';
export type CalendarDayKind = PublishedDayKind | 'UNPUBLISHED';
export type CalendarDay = { date: string; kind: CalendarDayKind; working?: boolean; name?: string; year?: number };
export type NamedDate = { date: string; name: string };
export type PublishedYearSchedule = { year: number; holidays: NamedDate[]; makeUpWorkingDays: NamedDate[] };
export type CalendarOverrides = {
  calendarId: string;
  version: number;
  extraHolidays: NamedDate[];
  extraWorkingDays: NamedDate[];
  additionalYears: PublishedYearSchedule[];
  updatedBy?: string;
  updatedAt?: string;
};
export type CalendarOverridesRequest = Omit<CalendarOverrides, 'calendarId' | 'updatedBy' | 'updatedAt'>;
export type CalendarYear = {
  id: string;
  name: string;
  nameZh: string;
  year: number;
  published: boolean;
  publishedYears: number[];
  workingHours: WorkingInterval[];
  days: CalendarDay[];
  overrides: CalendarOverrides;
};
