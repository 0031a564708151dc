/**
 * TMF622-style notifications of order events for hub subscribers (TMF630 hub/listener pattern): which events a
 * subscription asks for (its `query`), the event body a listener receives, how deliveries are signed, and when a failed
 * delivery is tried again. Pure: the hub service does the reading and the sending.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { OrderState, TmfOrderState } from './order-lifecycle.ts';
import { toTmfState, tmfOrderStates } from './order-lifecycle.ts';

/** The KAMflow orders bus on EventBridge and the source its order events carry (detail-type: the event type). */
export const orderEventsBusName = 'kamflow-orders';
export const orderEventsSource = 'kamflow.orders';

export const notificationTypes = ['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent', 'ProductOrderMilestoneEvent', 'ProductOrderJeopardyAlertEvent'] as const;
export type NotificationType = (typeof notificationTypes)[number];

export interface HubFilter {
  readonly eventTypes: readonly NotificationType[];
  /** `productOrder.state=completed,failed`: only events after which the order is in one of these TMF states. */
  readonly states?: readonly TmfOrderState[] | undefined;
  /** `productOrder.relatedParty.id=acc_…`: only orders of this account. */
  readonly accountId?: string | undefined;
}

export type QueryParse = { readonly ok: true; readonly filter: HubFilter } | { readonly ok: false; readonly message: string };

const accountIdPattern = /^acc_[0-9A-HJKMNP-TV-Z]{26}$/;

/** A comma-separated list of values from a closed set, at least one, each named when refused. */
const commaList = <const T extends readonly [string, ...string[]]>(key: string, allowed: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((value) => value.trim()).filter((value) => value !== ''))
    .pipe(
      z
        .array(z.string())
        .min(1, `${key} has no value`)
        .superRefine((values, context) => {
          const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
          if (unknown.length > 0) context.addIssue({ code: 'custom', message: `unknown ${key} ${unknown.join(', ')}; one of ${allowed.join(', ')}` });
        })
        .transform((values) => [...new Set(values)] as T[number][]),
    );

/** The conditions a hub query may carry (TMF630: attribute paths of the event, `=`, comma-separated alternatives). */
const hubQuerySchema = z
  .object({
    eventType: commaList('eventType', notificationTypes).optional(),
    'productOrder.state': commaList('productOrder.state', tmfOrderStates).optional(),
    'productOrder.relatedParty.id': z.string().trim().regex(accountIdPattern, 'productOrder.relatedParty.id must be one account id such as acc_01J…').optional(),
  })
  .strict();

/**
 * `eventType=ProductOrderStateChangeEvent,ProductOrderMilestoneEvent&productOrder.state=completed` (TMF630 style); an
 * empty query subscribes to every event type. Unknown keys, repeated keys and unknown values are refused, naming them.
 */
export function parseHubQuery(query: string): QueryParse {
  const text = query.trim().replace(/^\?/, '');
  const entries = new URLSearchParams(text);
  const conditions = new Map<string, string>();
  for (const [key, value] of entries) {
    if (conditions.has(key)) return { ok: false, message: `${key} is given more than once; list alternatives with commas` };
    conditions.set(key, value);
  }
  const parsed = hubQuerySchema.safeParse(Object.fromEntries(conditions));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown condition ${issue.keys.join(', ')}; use eventType, productOrder.state or productOrder.relatedParty.id`
        : (issue?.message ?? 'not a hub query');
    return { ok: false, message };
  }
  const { eventType, 'productOrder.state': states, 'productOrder.relatedParty.id': accountId } = parsed.data;
  return { ok: true, filter: { eventTypes: eventType ?? [...notificationTypes], ...(states ? { states } : {}), ...(accountId ? { accountId } : {}) } };
}

/** An entry of the order's audit trail, as the stream carries it. */
export interface AuditEvent {
  readonly orderId: string;
  readonly eventId: string;
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly fromState?: string | undefined;
  readonly toState?: string | undefined;
  readonly stage?: string | undefined;
  readonly stageStatus?: string | undefined;
  readonly reason?: string | undefined;
}

export interface OrderSnapshot {
  readonly orderId: string;
  readonly accountId: string;
  readonly state: OrderState;
  readonly href: string;
}

export interface OrderNotification {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventType: NotificationType;
  readonly correlationId: string;
  readonly domain: 'productOrderingManagement';
  readonly title: string;
  readonly description: string;
  readonly event: {
    readonly productOrder: {
      readonly id: string;
      readonly href: string;
      readonly state: TmfOrderState;
      readonly kamflowState: OrderState;
      readonly relatedParty: readonly { id: string; role: 'customer' }[];
      readonly milestone?: readonly { id: string; name: string; status: string; milestoneDate: string; message?: string }[];
      readonly jeopardyAlert?: readonly JeopardyAlert[];
    };
  };
}

/** TMF622 JeopardyAlert, with the stage (or ORDER) whose time budget it is about. */
export interface JeopardyAlert {
  readonly id: string;
  readonly alertDate: string;
  readonly name: string;
  readonly jeopardyType: 'atRisk' | 'breached' | 'escalated';
  readonly message: string;
  readonly stage: string;
}

const eventTypeOf: Readonly<Record<string, NotificationType>> = {
  ORDER_SUBMITTED: 'ProductOrderCreateEvent',
  STATE_CHANGE: 'ProductOrderStateChangeEvent',
  STAGE_UPDATE: 'ProductOrderMilestoneEvent',
  JEOPARDY_ALERT: 'ProductOrderJeopardyAlertEvent',
  // A breach climbing the escalation chain is the same jeopardy, more urgent: TMF622 has no event of its own for it.
  ESCALATION: 'ProductOrderJeopardyAlertEvent',
};

/**
 * The SLA sweep records jeopardy with the level in stageStatus (AT_RISK, BREACHED) and escalations with the level they
 * reached (SUPERVISOR, …). An escalation's recorded reason names the people notified: listeners get the level only.
 */
function jeopardyAlertOf(event: AuditEvent): JeopardyAlert {
  const level = event.stageStatus ?? 'UNKNOWN';
  const stage = event.stage ?? 'ORDER';
  if (event.type === 'ESCALATION') {
    return { id: event.eventId, alertDate: event.at, name: `ESCALATED_TO_${level}`, jeopardyType: 'escalated', message: `${stage} breached its due time; escalated to ${level.toLowerCase().replace(/_/g, ' ')}`, stage };
  }
  return { id: event.eventId, alertDate: event.at, name: level, jeopardyType: level === 'BREACHED' ? 'breached' : 'atRisk', message: event.reason ?? `${stage} ${level.toLowerCase().replace(/_/g, ' ')}`, stage };
}

function descriptionOf(event: AuditEvent): string {
  if (event.type === 'ESCALATION') return `${event.stage ?? 'ORDER'} escalated to ${event.stageStatus ?? 'the next level'}`;
  return [event.fromState && event.toState ? `${event.fromState} → ${event.toState}` : undefined, event.stage ? `${event.stage} ${event.stageStatus ?? ''}`.trim() : undefined, event.reason]
    .filter(Boolean)
    .join('; ');
}

/**
 * The notification for one audit event, with the order's state after it. A state change carries the state it led to
 * (the order may have moved on by the time the stream is read); other events carry the order's current state.
 */
export function toNotification(event: AuditEvent, order: OrderSnapshot): OrderNotification | undefined {
  const eventType = eventTypeOf[event.type];
  if (!eventType) return undefined;
  const kamflowState = (eventType === 'ProductOrderStateChangeEvent' || eventType === 'ProductOrderCreateEvent') && event.toState ? (event.toState as OrderState) : order.state;
  const description = descriptionOf(event);
  return {
    eventId: event.eventId,
    eventTime: event.at,
    eventType,
    correlationId: order.orderId,
    domain: 'productOrderingManagement',
    title: eventType,
    description: description || eventType,
    event: {
      productOrder: {
        id: order.orderId,
        href: order.href,
        state: toTmfState(kamflowState),
        kamflowState,
        relatedParty: [{ id: order.accountId, role: 'customer' }],
        ...(eventType === 'ProductOrderMilestoneEvent' && event.stage
          ? { milestone: [{ id: event.stage, name: event.stage, status: event.stageStatus ?? '', milestoneDate: event.at, ...(event.reason ? { message: event.reason } : {}) }] }
          : {}),
        ...(eventType === 'ProductOrderJeopardyAlertEvent' ? { jeopardyAlert: [jeopardyAlertOf(event)] } : {}),
      },
    },
  };
}

export function matchesFilter(filter: HubFilter, notification: OrderNotification): boolean {
  if (!filter.eventTypes.includes(notification.eventType)) return false;
  if (filter.states && !filter.states.includes(notification.event.productOrder.state)) return false;
  if (filter.accountId && notification.event.productOrder.relatedParty[0]?.id !== filter.accountId) return false;
  return true;
}

/** `x-kamflow-signature`: hex HMAC-SHA256 over `timestamp.body` with the subscription's secret (Stripe-style). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a listener does with a delivery: recompute the signature in constant time and refuse stale timestamps. */
export function verifyDelivery(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !/^\d{9,11}$/.test(headers.timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  if (!headers.signature || !/^[0-9a-f]{64}$/.test(headers.signature)) return false;
  return timingSafeEqual(Buffer.from(signDelivery(secret, timestamp, body), 'hex'), Buffer.from(headers.signature, 'hex'));
}

export const maxDeliveryAttempts = 8;

/**
 * When attempt `attempt` (1-based) that just failed is tried again: exponential from `baseMs` (30 s), capped at one hour, with
 * full jitter so a subscriber that was down is not hit by every retry at once; undefined when it is given up.
 */
export function nextAttemptDelayMs(attempt: number, random: () => number = Math.random, baseMs = 30_000): number | undefined {
  if (attempt >= maxDeliveryAttempts) return undefined;
  const ceiling = Math.min(baseMs * 2 ** (attempt - 1), 3_600_000);
  return Math.max(Math.min(1_000, baseMs), Math.floor(random() * ceiling));
}
