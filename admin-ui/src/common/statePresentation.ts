/**
 * Which colour each state shows in. Grouped by what the reader should do: blue = moving, amber = waiting on someone,
 * green = done, red = needs attention, grey = over.
 */
import type { AccountStatus, KamflowState, TmfState } from '../api/types.ts';
import type { TimelineStatus } from '../orders/timelineEntries.ts';

export type ChipColour = 'default' | 'primary' | 'info' | 'success' | 'warning' | 'error';

export const tmfStateColour: Record<TmfState, ChipColour> = {
  acknowledged: 'info',
  inProgress: 'primary',
  pending: 'warning',
  held: 'warning',
  completed: 'success',
  failed: 'error',
  rejected: 'error',
  cancelled: 'default',
  assessingCancellation: 'warning',
  pendingCancellation: 'warning',
  partial: 'warning',
};

export const kamflowStateColour: Record<KamflowState, ChipColour> = {
  SUBMITTED: 'info',
  ACKNOWLEDGED: 'info',
  REJECTED: 'error',
  RESOURCE_CHECK: 'primary',
  RESOURCE_CONFIRMED: 'primary',
  AWAITING_BUILD: 'warning',
  PROVISIONING: 'primary',
  TECHNICALLY_COMPLETE: 'primary',
  PENDING_ACCEPTANCE: 'warning',
  ACCEPTED: 'success',
  ACCEPTANCE_FAILED: 'error',
  BILLING_STARTED: 'success',
  CLOSED: 'success',
  HELD: 'warning',
  ASSESSING_CANCELLATION: 'warning',
  PENDING_CANCELLATION: 'warning',
  CANCELLED: 'default',
  FAILED: 'error',
  PARTIAL: 'warning',
};

export const stageStatusColour: Record<TimelineStatus, ChipColour> = {
  NOT_REACHED: 'default',
  SKIPPED: 'default',
  PENDING: 'default',
  IN_PROGRESS: 'primary',
  WAITING: 'warning',
  HELD: 'warning',
  DONE: 'success',
  FAILED: 'error',
  CANCELLED: 'default',
};

export const accountStatusColour: Record<AccountStatus, ChipColour> = {
  PROSPECT: 'info',
  ACTIVE: 'success',
  DORMANT: 'warning',
  CHURNED: 'default',
};

/** A value the API sent that this console version does not know yet still shows, in grey. */
export function colourOf<K extends string>(colours: Record<K, ChipColour>, value: string): ChipColour {
  return (colours as Record<string, ChipColour | undefined>)[value] ?? 'default';
}

/** Orders in these states no longer change, so the show page stops polling. */
export const finalOrderStates: ReadonlySet<string> = new Set<KamflowState>(['CLOSED', 'REJECTED', 'CANCELLED', 'PARTIAL']);
