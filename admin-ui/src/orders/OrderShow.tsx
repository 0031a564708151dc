/**
 * One order: its states, the stage timeline, billing once started, and the acceptance buttons while the customer
 * acceptance stage waits. It polls while the order can still change, so the account manager watches it move.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, ListButton, Show, TopToolbar, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { ProductOrder } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';
import { StateChip } from '../common/StateChip.tsx';
import { finalOrderStates, kamflowStateColour, tmfStateColour } from '../common/statePresentation.ts';
import { useFormatters } from '../common/formatting.ts';
import { AcceptanceActions } from './AcceptanceActions.tsx';
import { OrderActions } from './OrderActions.tsx';
import { OrderEvents } from './OrderEvents.tsx';
import { BillingBlock } from './BillingBlock.tsx';
import { bandwidthOf, customerOf, placeOf, productOf } from './orderDraft.ts';
import { StageTimeline } from './StageTimeline.tsx';

/** How often an open order is re-read while it can still change. */
export const orderRefreshSeconds = 5;

function OrderTitle() {
  const translate = useTranslate();
  const order = useRecordContext<ProductOrder>();
  return <span>{`${translate('resources.orders.name', { smart_count: 1 })} ${order?.id ?? ''}`}</span>;
}

export function OrderShow() {
  return (
    <Show<ProductOrder>
      title={<OrderTitle />}
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
      queryOptions={{
        refetchInterval: (query) => {
          const state = query.state.data?.kamflowState;
          return state && finalOrderStates.has(state) ? false : orderRefreshSeconds * 1000;
        },
      }}
    >
      <OrderDetails />
    </Show>
  );
}

function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', mb: 1.5 }}>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {aside}
      </Stack>
      {children}
    </Box>
  );
}

function OrderDetails() {
  const translate = useTranslate();
  const format = useFormatters();
  const createPath = useCreatePath();
  const order = useRecordContext<ProductOrder>();
  if (!order) return null;
  const customer = customerOf(order);
  const product = productOf(order);
  const aEnd = placeOf(order, 'A-end');
  const zEnd = placeOf(order, 'Z-end');
  const polling = !finalOrderStates.has(order.kamflowState);
  const children = order.orderRelationship?.filter((relation) => relation.relationshipType === 'child') ?? [];
  const parent = order.orderRelationship?.find((relation) => relation.relationshipType === 'parent');
  return (
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        <Section
          title={translate('kamflow.order.summary')}
          aside={
            <Stack direction="row" spacing={1} data-testid="order-states">
              <StateChip value={order.state} messages="kamflow.tmf_state" colours={tmfStateColour} variant="outlined" />
              <StateChip value={order.kamflowState} messages="kamflow.order_state" colours={kamflowStateColour} />
            </Stack>
          }
        >
          <Stack spacing={2}>
            {order.failure ? (
              <Alert severity="error">
                <AlertTitle>{translate('kamflow.order.failure')}</AlertTitle>
                {order.failure.error} — {translate('kamflow.order.failure_cause')}: {order.failure.cause} ({format.dateTime(order.failure.at)})
              </Alert>
            ) : null}
            {order.hold ? (
              <Alert severity="warning" data-testid="order-hold">
                {translate('kamflow.lifecycle.held_since', { since: format.dateTime(order.hold.startedAt), by: order.hold.approvedBy, reason: order.hold.reason })}
                {order.hold.expectedResumeDate ? ` · ${translate('kamflow.lifecycle.expected_resume', { date: format.date(order.hold.expectedResumeDate) })}` : ''}
              </Alert>
            ) : null}
            {order.cancellation ? (
              <Alert severity={order.cancellation.state === 'done' ? 'info' : 'warning'} data-testid="order-cancellation">
                <AlertTitle>
                  {translate('kamflow.lifecycle.cancellation')} · {translate(`kamflow.lifecycle.cancellation_state.${order.cancellation.state}`)}
                </AlertTitle>
                {order.cancellation.cancellationReason} ({order.cancellation.requestedBy}, {format.dateTime(order.cancellation.requestedAt)})
                {order.cancellation.releasedResources?.length ? (
                  <Box data-testid="released-resources">
                    {translate('kamflow.lifecycle.released')}: {order.cancellation.releasedResources.join('; ')}
                  </Box>
                ) : null}
                {order.cancellation.buildCostCharged ? (
                  <Box>
                    {translate('kamflow.lifecycle.build_cost_charged')}: {format.money(order.cancellation.buildCostCharged, 'CNY')}
                  </Box>
                ) : null}
              </Alert>
            ) : null}
            {order.rejectionReason ? (
              <Alert severity="warning">
                {translate('kamflow.order.rejection_reason')}: {order.rejectionReason}
              </Alert>
            ) : null}
            <FactGrid>
              <Fact label={translate('resources.orders.fields.id')}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {order.id}
                </Box>
              </Fact>
              <Fact label={translate('resources.orders.fields.customer')}>
                {customer ? (
                  <Link to={createPath({ resource: 'accounts', id: customer.id, type: 'show' })}>{customer.name ?? customer.id}</Link>
                ) : null}
              </Fact>
              <Fact label={translate('resources.orders.fields.product')}>
                {product ? translate(`kamflow.product.${product.id}`, { _: product.name ?? product.id }) : null}
              </Fact>
              <Fact label={translate('resources.orders.fields.bandwidth')}>{bandwidthOf(order)}</Fact>
              <Fact label={translate('resources.orders.fields.currentStage')}>
                {translate(`kamflow.stage.${order.currentStage}`, { _: order.currentStage })}
              </Fact>
              <Fact label={translate('resources.orders.fields.orderDate')}>{format.dateTime(order.orderDate)}</Fact>
              <Fact label={translate('resources.orders.fields.requestedCompletionDate')}>{format.date(order.requestedCompletionDate)}</Fact>
              <Fact label={translate('resources.orders.fields.completionDate')}>{format.dateTime(order.completionDate)}</Fact>
              <Fact label={translate('kamflow.order.a_end')}>{aEnd ? `${aEnd.city} · ${aEnd.address}` : null}</Fact>
              {zEnd ? <Fact label={translate('kamflow.order.z_end')}>{`${zEnd.city} · ${zEnd.address}`}</Fact> : null}
              {order.slaPolicy ? (
                <Fact label={translate('kamflow.order.sla_plan')}>
                  <span data-testid="order-sla-plan">
                    {translate('kamflow.order.sla_plan_value', { policy: order.slaPolicy.id, version: order.slaPolicy.version, calendar: order.slaPolicy.calendarId })}
                    {order.dueAt ? ` · ${translate('kamflow.order.planned_due', { at: format.dateTime(order.dueAt) })}` : ''}
                  </span>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {order.slaPolicy.note}
                  </Typography>
                </Fact>
              ) : null}
              {order.circuitId ? <Fact label={translate('resources.orders.fields.circuitId')}>{order.circuitId}</Fact> : null}
              {order.externalId ? <Fact label={translate('resources.orders.fields.externalId')}>{order.externalId}</Fact> : null}
              {parent ? (
                <Fact label={translate('kamflow.lifecycle.parent')}>
                  <Link to={createPath({ resource: 'orders', id: parent.id, type: 'show' })}>{parent.id}</Link>
                </Fact>
              ) : null}
            </FactGrid>
            {order.description ? <Fact label={translate('resources.orders.fields.description')}>{order.description}</Fact> : null}
            <AcceptanceActions order={order} />
            <OrderActions order={order} />
          </Stack>
        </Section>
        {children.length > 0 ? (
          <Section title={translate('kamflow.lifecycle.children')}>
            <Stack spacing={1} data-testid="child-orders">
              {children.map((child, index) => (
                <Stack key={child.id} direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
                  <Typography variant="body2" sx={{ minWidth: 80 }}>
                    {order.productOrderItem[index]?.id ?? ''}
                  </Typography>
                  <Link to={createPath({ resource: 'orders', id: child.id, type: 'show' })}>
                    <Box component="span" sx={{ fontFamily: 'monospace' }}>
                      {child.id}
                    </Box>
                  </Link>
                  {child.state ? <StateChip value={child.state} messages="kamflow.tmf_state" colours={tmfStateColour} variant="outlined" /> : null}
                  {child.kamflowState ? <StateChip value={child.kamflowState} messages="kamflow.order_state" colours={kamflowStateColour} /> : null}
                </Stack>
              ))}
            </Stack>
          </Section>
        ) : null}
        {children.length > 0 ? null : (
          <Section
            title={translate('kamflow.order.timeline')}
            aside={
              polling ? (
                <Typography variant="caption" color="text.secondary">
                  {translate('kamflow.order.auto_refresh', { seconds: orderRefreshSeconds })}
                </Typography>
              ) : undefined
            }
          >
            <StageTimeline stages={order.stages} plannedDueTimes={order.slaPolicy?.stageDueTimes} />
          </Section>
        )}
        {order.holdHistory?.length ? (
          <Section title={translate('kamflow.lifecycle.hold_history')}>
            <Stack spacing={0.5}>
              {order.holdHistory.map((hold) => (
                <Typography key={hold.startedAt} variant="body2">
                  {format.dateTime(hold.startedAt)} – {format.dateTime(hold.endedAt)} · {hold.reason} · {hold.approvedBy}
                  {hold.heldWorkingHours !== undefined ? ` · ${translate('kamflow.lifecycle.held_hours', { hours: hold.heldWorkingHours })}` : ''}
                </Typography>
              ))}
            </Stack>
          </Section>
        ) : null}
        {order.events?.length ? (
          <Section title={translate('kamflow.lifecycle.events')}>
            <OrderEvents events={order.events} />
          </Section>
        ) : null}
        {order.billing ? (
          <Section title={translate('kamflow.order.billing')}>
            <Box data-testid="billing-block">
              <BillingBlock billing={order.billing} />
            </Box>
          </Section>
        ) : null}
      </Stack>
    </CardContent>
  );
}
