import { describe, expect, it } from 'vitest';
import { mergeMessages } from './mergeMessages.ts';

describe('merging the folders’ messages', () => {
  it('joins folders that add to the same section', () => {
    const orders = { resources: { orders: { name: '订单' } }, kamflow: { order: { summary: '订单概要' } } };
    const fallout = { resources: { fallout: { name: '异常队列' } }, kamflow: { fallout: { title: '异常队列' } } };
    expect(mergeMessages([orders, fallout])).toEqual({
      resources: { orders: { name: '订单' }, fallout: { name: '异常队列' } },
      kamflow: { order: { summary: '订单概要' }, fallout: { title: '异常队列' } },
    });
  });

  it('refuses a key two folders define, naming it', () => {
    expect(() => mergeMessages([{ kamflow: { sla: { title: 'SLA 看板' } } }, { kamflow: { sla: { title: '超时预警' } } }])).toThrow('kamflow.sla.title');
    expect(() => mergeMessages([{ kamflow: { stage: 'x' } }, { kamflow: { stage: { TEST: '测试' } } }])).toThrow('kamflow.stage');
  });

  it('leaves the folders’ own trees untouched', () => {
    const first = { kamflow: { order: { summary: '订单概要' } } };
    mergeMessages([first, { kamflow: { order: { timeline: '开通进度' } } }]);
    expect(first).toEqual({ kamflow: { order: { summary: '订单概要' } } });
  });
});
