/**
 * TMF622-style notifications of order events for hub subscribers (TMF630 hub/listener pattern): which events a
 * subscription asks for (its `query`), the event body a listener receives, how deliveries are signed, and when a failed
 * delivery is tried again. Pure: the hub service does the reading and the sending.
 */
import { createHmac } from 'node:crypto';
import type { OrderState, TmfOrderState } from './order-lifecycle.ts';
import { toTmfState, tmfOrderStates } from './order-lifecycle.ts';

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

/**
 * `eventType=ProductOrderStateChangeEvent,ProductOrderMilestoneEvent&productOrder.state=completed` (TMF630 style); an
 * empty query subscribes to every event type. Unknown keys or values are refused, naming them.
 */
export function parseHubQuery(query: string): QueryParse {
  let eventTypes: NotificationType[] = [...notificationTypes];
  let states: TmfOrderState[] | undefined;
  let accountId: string | undefined;
  const text = query.trim();
  if (text === '') return { ok: true, filter: { eventTypes } };
  const decode = (value: string): string | undefined => {
    try {
      return decodeURIComponent(value.trim());
    } catch {
      return undefined;
    }
  };
  for (const part of text.split('&')) {
    const [rawKey = '', rawValue = ''] = part.split('=', 2);
    const key = decode(rawKey);
    const decodedValue = decode(rawValue);
    if (key === undefined || decodedValue === undefined) return { ok: false, message: `${part.slice(0, 50)} is not a valid query condition (bad % escape)` };
    const values = decodedValue.split(',').map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) return { ok: false, message: `${key || 'a condition'} has no value` };
    switch (key) {
      case 'eventType': {
        const unknown = values.filter((value) => !(notificationTypes as readonly string[]).includes(value));
        if (unknown.length > 0) return { ok: false, message: `unknown eventType ${unknown.join(', ')}; one of ${notificationTypes.join(', ')}` };
        eventTypes = values as NotificationType[];
        break;
      }
      case 'productOrder.state': {
        const unknown = values.filter((value) => !(tmfOrderStates as readonly string[]).includes(value));
        if (unknown.length > 0) return { ok: false, message: `unknown productOrder.state ${unknown.join(', ')}` };
        states = values as TmfOrderState[];
        break;
      }
      case 'productOrder.relatedParty.id': {
        const [value] = values;
        if (values.length !== 1 || !value || !/^acc_[0-9A-HJKMNP-TV-Z]{26}$/.test(value)) return { ok: false, message: 'productOrder.relatedParty.id must be one account id' };
        accountId = value;
        break;
      }
      default:
        return { ok: false, message: `unknown condition ${key}; use eventType, productOrder.state or productOrder.relatedParty.id` };
    }
  }
  return { ok: true, filter: { eventTypes, ...(states ? { states } : {}), ...(accountId ? { accountId } : {}) } };
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
      readonly jeopardyAlert?: readonly { id: string; alertDate: string; name: string; message: string }[];
    };
  };
}

const eventTypeOf: Readonly<Record<string, NotificationType>> = {
  ORDER_SUBMITTED: 'ProductOrderCreateEvent',
  STATE_CHANGE: 'ProductOrderStateChangeEvent',
  STAGE_UPDATE: 'ProductOrderMilestoneEvent',
  JEOPARDY_ALERT: 'ProductOrderJeopardyAlertEvent',
};

/**
 * The notification for one audit event, with the order's state after it. A state change carries the state it led to
 * (the order may have moved on by the time the stream is read); other events carry the order's current state.
 */
export function toNotification(event: AuditEvent, order: OrderSnapshot): OrderNotification | undefined {
  const eventType = eventTypeOf[event.type];
  if (!eventType) return undefined;
  const kamflowState = (eventType === 'ProductOrderStateChangeEvent' || eventType === 'ProductOrderCreateEvent') && event.toState ? (event.toState as OrderState) : order.state;
  const description = [event.fromState && event.toState ? `${event.fromState} → ${event.toState}` : undefined, event.stage ? `${event.stage} ${event.stageStatus ?? ''}`.trim() : undefined, event.reason]
    .filter(Boolean)
    .join('; ');
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
        ...(eventType === 'ProductOrderJeopardyAlertEvent' ? { jeopardyAlert: [{ id: event.eventId, alertDate: event.at, name: event.stageStatus ?? 'jeopardy', message: event.reason ?? '' }] } : {}),
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
