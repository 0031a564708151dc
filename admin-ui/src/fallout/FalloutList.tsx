/** The fallout queue (异常队列): failed orders within reach, oldest first, each opening the order to retry, amend or cancel. */
import { DateField, FunctionField, List, TextField, useTranslate } from 'react-admin';
import { Datagrid } from 'react-admin';
import type { ProductOrder } from '../api/types.ts';

export function FalloutList() {
  const translate = useTranslate();
  return (
    <List resource="fallout" exporter={false} perPage={25} empty={false} queryOptions={{ refetchInterval: 15_000 }} title={translate('kamflow.fallout.title')}>
      <Datagrid rowClick={(id) => `/orders/${String(id)}/show`} bulkActionButtons={false} data-testid="fallout-list">
        <TextField source="id" label="resources.orders.fields.id" sortable={false} />
        <FunctionField<ProductOrder> label="resources.orders.fields.customer" sortable={false} render={(order) => order.relatedParty[0]?.name ?? order.relatedParty[0]?.id ?? ''} />
        <FunctionField<ProductOrder> label="resources.orders.fields.currentStage" sortable={false} render={(order) => translate(`kamflow.stage.${order.currentStage}`, { _: order.currentStage })} />
        <DateField source="failure.at" label="kamflow.fallout.failed_at" showTime sortable={false} />
        <FunctionField<ProductOrder> label="kamflow.fallout.failure_cause" sortable={false} render={(order) => order.failure ? `${order.failure.error}: ${order.failure.cause}` : ''} />
      </Datagrid>
    </List>
  );
}
