/**
 * What a provisioning system's callback does to a waiting activation (开通), decided once: progress is a note on the
 * stage and a heartbeat of the waiting task; completion finishes the stage, moves the order on to test and completes
 * the task with the circuit; failure fails the stage and the task (the state machine sends the order to fallout).
 */
import { activationResult } from './stage-results.ts';

export type ProvisioningReport =
  | { readonly eventId: string; readonly status: 'PROGRESS'; readonly message: string; readonly percent?: number | undefined }
  | { readonly eventId: string; readonly status: 'COMPLETED'; readonly circuitId: string; readonly testReport: Record<string, unknown> }
  | { readonly eventId: string; readonly status: 'FAILED'; readonly reason: string };

/** How the waiting workflow task is answered. */
export type TaskResponse =
  | { readonly kind: 'heartbeat' }
  | { readonly kind: 'success'; readonly output: Record<string, unknown> }
  | { readonly kind: 'failure'; readonly error: string; readonly cause: string };

export type CallbackEffect =
  | { readonly kind: 'progress'; readonly note: { readonly message: string; readonly percent?: number | undefined; readonly eventId: string }; readonly task: TaskResponse }
  | {
      readonly kind: 'stage-change';
      /** The order change, short of the order and the stage record the service read. */
      readonly change: {
        readonly reason?: string;
        readonly event?: 'COMPLETE_ACTIVATION';
        readonly currentStage?: 'TEST';
        readonly set?: { readonly circuitId: string };
        readonly stage: { readonly status: 'DONE' | 'FAILED'; readonly outcome: 'COMPLETED' | 'FAILED'; readonly note: string; readonly resultJson?: string; readonly appliedEventId: string };
      };
      readonly task: TaskResponse;
    };

export function callbackEffect(report: ProvisioningReport): CallbackEffect {
  switch (report.status) {
    case 'PROGRESS':
      return { kind: 'progress', note: { message: report.message, percent: report.percent, eventId: report.eventId }, task: { kind: 'heartbeat' } };
    case 'COMPLETED':
      return {
        kind: 'stage-change',
        change: {
          event: 'COMPLETE_ACTIVATION',
          currentStage: 'TEST',
          set: { circuitId: report.circuitId },
          stage: {
            status: 'DONE',
            outcome: 'COMPLETED',
            note: `circuit ${report.circuitId} activated`,
            resultJson: activationResult({ circuitId: report.circuitId, testReport: report.testReport }),
            appliedEventId: report.eventId,
          },
        },
        task: { kind: 'success', output: { circuitId: report.circuitId } },
      };
    case 'FAILED':
      return {
        kind: 'stage-change',
        change: { reason: report.reason, stage: { status: 'FAILED', outcome: 'FAILED', note: report.reason, appliedEventId: report.eventId } },
        task: { kind: 'failure', error: 'ActivationFailed', cause: report.reason },
      };
  }
}
