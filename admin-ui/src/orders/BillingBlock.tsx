/** Billing start (起租): what the customer is charged and from when, once the billing stage has run. */
import { useTranslate } from 'react-admin';
import type { Billing } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';
import { useFormatters } from '../common/formatting.ts';

export function BillingBlock({ billing }: { billing: Billing }) {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <FactGrid>
      {billing.billingAccountId ? <Fact label={translate('kamflow.order.billing_account')}>{billing.billingAccountId}</Fact> : null}
      <Fact label={translate('kamflow.order.one_off_charge')}>{format.money(billing.oneOffCharge, billing.currency)}</Fact>
      <Fact label={translate('kamflow.order.monthly_charge')}>
        {format.money(billing.monthlyCharge, billing.currency)}
        {translate('kamflow.order.monthly_suffix')}
      </Fact>
      <Fact label={translate('kamflow.order.charges_from')}>{format.date(billing.chargesFrom)}</Fact>
      {billing.leaseType ? (
        <Fact label={translate('kamflow.order.lease_type')}>{translate(`kamflow.lease_type.${billing.leaseType}`, { _: billing.leaseType })}</Fact>
      ) : null}
      {billing.chargeType === 'CANCELLATION' ? <Fact label={translate('kamflow.lifecycle.build_cost_charged')}>{format.money(billing.oneOffCharge, billing.currency)}</Fact> : null}
    </FactGrid>
  );
}
