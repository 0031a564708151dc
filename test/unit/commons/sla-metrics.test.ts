/**
 * The SLA metrics leave the handlers as CloudWatch embedded metric format (EMF) lines on stdout: the right metric names
 * and units, low-cardinality dimension sets only (service always included), order ids as metadata only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordBreach, recordCallbackLatency, recordJeopardy, recordStageFinished } from '../../../functions/commons/sla-metrics.ts';

type Emf = Record<string, unknown> & { _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((line) => line.trim() !== ''));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const emitted = (): Emf[] => lines.map((line) => JSON.parse(line) as Emf).filter((entry) => '_aws' in entry);

describe('recordStageFinished', () => {
  it('writes one EMF line: finished, failed, on-time and working hours under stage, stage×tier/product/province and tier', () => {
    recordStageFinished({ orderId: 'ord_01JTEST', stage: 'ACTIVATION', tier: 'GROUP', productId: 'EPL', province: '广东省', status: 'DONE', onTime: false, workingHours: 30.5, workPosition: 'PROVISIONING_SYSTEM' });
    const [line] = emitted();
    expect(emitted()).toHaveLength(1);
    const directive = line!._aws.CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe('KAMflow');
    expect(directive.Dimensions).toEqual([
      ['service', 'Stage'],
      ['service', 'Stage', 'Tier'],
      ['service', 'Stage', 'Product'],
      ['service', 'Stage', 'Province'],
      ['service', 'Tier'],
    ]);
    expect(directive.Metrics).toEqual([
      { Name: 'StageFinished', Unit: 'Count' },
      { Name: 'StageFailed', Unit: 'Count' },
      { Name: 'StageOnTime', Unit: 'Count' },
      { Name: 'StageWorkingHours', Unit: 'None' },
    ]);
    expect(line).toMatchObject({ service: 'kamflow', Stage: 'ACTIVATION', Tier: 'GROUP', Product: 'EPL', Province: 'CN-GD', StageFinished: 1, StageFailed: 0, StageOnTime: 0, StageWorkingHours: 30.5 });
    // the order id is searchable metadata, never a dimension
    expect(line!['orderId']).toBe('ord_01JTEST');
    expect(directive.Dimensions.flat()).not.toContain('orderId');
    expect(Math.abs(line!._aws.Timestamp - Date.now())).toBeLessThan(5000);
  });

  it('leaves out the on-time metric when the stage had no due time, and counts a failure', () => {
    recordStageFinished({ orderId: 'ord_2', stage: 'NETWORK_BUILD', productId: 'SDH', status: 'FAILED' });
    const [line] = emitted();
    expect(line!._aws.CloudWatchMetrics[0]!.Metrics.map((metric) => metric.Name)).toEqual(['StageFinished', 'StageFailed']);
    expect(line).toMatchObject({ StageFailed: 1, Tier: 'UNSPECIFIED', Province: 'UNSPECIFIED' });
    expect(line).not.toHaveProperty('StageOnTime');
  });

  it('does not leak dimensions from one record into the next', () => {
    recordStageFinished({ orderId: 'ord_3', stage: 'TEST', tier: 'LOCAL', productId: 'DIA', province: '北京', status: 'DONE', onTime: true, workingHours: 1 });
    recordCallbackLatency({ orderId: 'ord_3', stage: 'ACTIVATION', callbackStatus: 'PROGRESS', eventId: 'evt-1', latencySeconds: 42.5 });
    const [, latency] = emitted();
    expect(latency!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'Stage'], ['service', 'Stage', 'CallbackStatus']]);
    expect(latency).not.toHaveProperty('Tier');
    expect(latency).not.toHaveProperty('StageFinished');
  });
});

describe('jeopardy, breach and callback latency', () => {
  it('counts an order at risk and a breach under stage and tier', () => {
    recordJeopardy({ orderId: 'ord_4', stage: 'ORDER', tier: 'PROVINCIAL', productId: 'IP_VPN', province: 'CN-JS' });
    recordBreach({ orderId: 'ord_4', stage: 'CUSTOMER_ACCEPTANCE', tier: 'PROVINCIAL', productId: 'IP_VPN', province: '江苏' });
    const [risk, breach] = emitted();
    expect(risk).toMatchObject({ OrdersAtRisk: 1, Stage: 'ORDER', Tier: 'PROVINCIAL', Province: 'CN-JS', orderId: 'ord_4' });
    expect(risk!._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'OrdersAtRisk', Unit: 'Count' }]);
    expect(breach).toMatchObject({ SlaBreaches: 1, Stage: 'CUSTOMER_ACCEPTANCE', Province: 'CN-JS' });
    expect(breach!._aws.CloudWatchMetrics[0]!.Dimensions).toContainEqual(['service', 'Tier']);
  });

  it('records callback latency in seconds, never negative', () => {
    recordCallbackLatency({ orderId: 'ord_5', stage: 'ACTIVATION', callbackStatus: 'COMPLETED', eventId: 'evt-2', latencySeconds: -3 });
    const [line] = emitted();
    expect(line).toMatchObject({ CallbackLatency: 0, CallbackStatus: 'COMPLETED', eventId: 'evt-2' });
    expect(line!._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'CallbackLatency', Unit: 'Seconds' }]);
  });
});
