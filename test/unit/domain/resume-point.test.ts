import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { orderStages } from '../../../functions/domain/order-stages.ts';
import { resumePoint } from '../../../functions/domain/resume-point.ts';

describe('resume point of an open order', () => {
  it('is the recorded stage for open orders and nothing for ended ones', () => {
    expect(resumePoint({ state: 'PROVISIONING', currentStage: 'ACTIVATION' })).toBe('ACTIVATION');
    expect(resumePoint({ state: 'TECHNICALLY_COMPLETE', currentStage: 'TEST' })).toBe('TEST');
    expect(resumePoint({ state: 'CLOSED', currentStage: 'CRM_CLOSE' })).toBeUndefined();
    expect(resumePoint({ state: 'FAILED', currentStage: 'ACTIVATION' })).toBeUndefined();
    expect(resumePoint({ state: 'CANCELLED', currentStage: 'ACTIVATION' })).toBeUndefined();
  });

  it('hands held orders and orders being cancelled to the interruption handler', () => {
    expect(resumePoint({ state: 'HELD', currentStage: 'ACTIVATION' })).toBe('INTERRUPTION');
    expect(resumePoint({ state: 'ASSESSING_CANCELLATION', currentStage: 'NETWORK_BUILD' })).toBe('INTERRUPTION');
    expect(resumePoint({ state: 'PENDING_CANCELLATION', currentStage: 'ACTIVATION' })).toBe('INTERRUPTION');
  });

  it('can route every stage: the state machine has a resume choice for each', () => {
    const definition = JSON.parse(readFileSync('stepfunctions/order-fulfilment.asl.json', 'utf8')) as {
      States: Record<string, { Choices?: { StringEquals?: string; Next: string }[] }>;
    };
    const router = definition.States.RouteToResumePoint?.Choices ?? [];
    const routed = router.map((choice) => choice.StringEquals).filter(Boolean);
    expect(routed.sort()).toEqual([...orderStages, 'INTERRUPTION'].sort());
    for (const choice of router) expect(definition.States[choice.Next], choice.Next).toBeDefined();
  });
});
