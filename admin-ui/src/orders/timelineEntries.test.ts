import { describe, expect, it } from 'vitest';
import type { OrderStage } from '../api/types.ts';
import { timelineOf } from './timelineEntries.ts';

const entered = (stage: OrderStage['stage'], sequence: number, status: OrderStage['status']): OrderStage => ({
  stage,
  sequence,
  workPosition: 'ACCEPTANCE_DESK',
  owner: 'someone',
  status,
  attempts: 1,
});

describe('timelineOf', () => {
  it('shows all eight stages of the loop, the ones not entered yet as not reached', () => {
    const timeline = timelineOf([entered('ORDER_ACCEPTANCE', 1, 'IN_PROGRESS')]);
    expect(timeline.map((entry) => [entry.stage, entry.status])).toEqual([
      ['ORDER_ACCEPTANCE', 'IN_PROGRESS'],
      ['RESOURCE_CONFIRMATION', 'NOT_REACHED'],
      ['NETWORK_BUILD', 'NOT_REACHED'],
      ['ACTIVATION', 'NOT_REACHED'],
      ['TEST', 'NOT_REACHED'],
      ['CUSTOMER_ACCEPTANCE', 'NOT_REACHED'],
      ['BILLING_START', 'NOT_REACHED'],
      ['CRM_CLOSE', 'NOT_REACHED'],
    ]);
  });

  it('marks a stage the order went past without entering as skipped', () => {
    const timeline = timelineOf([
      entered('ORDER_ACCEPTANCE', 1, 'DONE'),
      entered('RESOURCE_CONFIRMATION', 2, 'DONE'),
      entered('ACTIVATION', 4, 'IN_PROGRESS'),
    ]);
    expect(timeline.find((entry) => entry.stage === 'NETWORK_BUILD')?.status).toBe('SKIPPED');
    expect(timeline.find((entry) => entry.stage === 'TEST')?.status).toBe('NOT_REACHED');
  });

  it('keeps the recorded stage with its details', () => {
    const record = entered('ORDER_ACCEPTANCE', 1, 'DONE');
    expect(timelineOf([record])[0]).toEqual({ stage: 'ORDER_ACCEPTANCE', status: 'DONE', record });
  });

  it("gives a stage not reached yet the due time of the order's SLA plan, and none to a skipped one", () => {
    const timeline = timelineOf([entered('ORDER_ACCEPTANCE', 1, 'DONE'), entered('RESOURCE_CONFIRMATION', 2, 'DONE'), entered('ACTIVATION', 4, 'IN_PROGRESS')], {
      NETWORK_BUILD: '2026-12-01T02:00:00.000Z',
      TEST: '2026-12-03T10:00:00.000Z',
    });
    expect(timeline.find((entry) => entry.stage === 'NETWORK_BUILD')).toEqual({ stage: 'NETWORK_BUILD', status: 'SKIPPED' });
    expect(timeline.find((entry) => entry.stage === 'TEST')).toEqual({ stage: 'TEST', status: 'NOT_REACHED', plannedDueAt: '2026-12-03T10:00:00.000Z' });
    expect(timeline.find((entry) => entry.stage === 'CRM_CLOSE')).toEqual({ stage: 'CRM_CLOSE', status: 'NOT_REACHED' });
  });
});
