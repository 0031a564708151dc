/** All entities of the table as one ElectroDB service, for collections (an order with its stages) and transactions. */
import { RequestNonceEntity } from './entities/request-nonce.ts';
import { UserEntity } from './entities/user.ts';
import { ContractEntity } from './entities/contract.ts';
import { OrderEventEntity } from './entities/order-event.ts';
import { ContactEntity, CustomerPlanEntity, TierChangeEntity } from './entities/account-records.ts';
import { Service } from 'electrodb';
import { AccountEntity } from './entities/account.ts';
import { BillingRecordEntity } from './entities/billing-record.ts';
import { ExchangeEntity, NetworkResourceEntity } from './entities/network-resource.ts';
import { OrderEntity } from './entities/order.ts';
import { OrderStageEntity } from './entities/order-stage.ts';
import { SlaSweepStateEntity, SlaWatchEntity } from './entities/sla-watch.ts';
import { JeopardyAlertEntity } from './entities/jeopardy-alert.ts';
import { EscalationEntity } from './entities/escalation.ts';
import { StageOutcomeEntity } from './entities/stage-outcome.ts';
import { CalendarOverridesEntity } from './entities/calendar-overrides.ts';

export const kamflowService = new Service({
  account: AccountEntity,
  order: OrderEntity,
  orderStage: OrderStageEntity,
  orderEvent: OrderEventEntity,
  billingRecord: BillingRecordEntity,
  exchange: ExchangeEntity,
  networkResource: NetworkResourceEntity,
  requestNonce: RequestNonceEntity,
  user: UserEntity,
  contract: ContractEntity,
  tierChange: TierChangeEntity,
  contact: ContactEntity,
  customerPlan: CustomerPlanEntity,
  slaWatch: SlaWatchEntity,
  slaSweepState: SlaSweepStateEntity,
  jeopardyAlert: JeopardyAlertEntity,
  escalation: EscalationEntity,
  stageOutcome: StageOutcomeEntity,
  calendarOverrides: CalendarOverridesEntity,
});
