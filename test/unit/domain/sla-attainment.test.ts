/** SLA attainment: on-time rate per group, the window in Beijing time, and the CSV Excel opens with Chinese intact. */
import { describe, expect, it } from 'vitest';
import { attainmentBy, attainmentCsv, attainmentCsvFilename, attainmentOf, reportWindow } from '../../../functions/domain/sla-attainment.ts';
import type { FinishedStageFact } from '../../../functions/domain/sla-attainment.ts';

const fact = (overrides: Partial<FinishedStageFact>): FinishedStageFact => ({ stage: 'ACTIVATION', workPosition: 'PROVISIONING_SYSTEM', status: 'DONE', tier: 'GROUP', productId: 'EPL', province: '北京', onTime: true, workingHours: 10, ...overrides });

const facts: FinishedStageFact[] = [
  fact({}),
  fact({ onTime: false, workingHours: 50 }),
  fact({ stage: 'ORDER_ACCEPTANCE', workPosition: 'ACCEPTANCE_DESK', tier: 'LOCAL', province: '广东', workingHours: 1 }),
  fact({ stage: 'CUSTOMER_ACCEPTANCE', workPosition: 'ACCOUNT_MANAGER', tier: 'PROVINCIAL', productId: 'DIA', province: undefined, onTime: false, status: 'FAILED', workingHours: 4 }),
  fact({ stage: 'NETWORK_BUILD', workPosition: 'PLANNING', tier: undefined, onTime: undefined, workingHours: undefined }),
  fact({ stage: 'CRM_CLOSE', workPosition: 'ACCOUNT_MANAGER', productId: 'DIA', workingHours: 0 }),
];

describe('attainment', () => {
  it('is on time over stages that had a due time; untimed stages count as finished only', () => {
    expect(attainmentOf('TOTAL', facts)).toEqual({ key: 'TOTAL', finished: 6, timed: 5, onTime: 3, late: 2, failed: 1, attainment: 0.6, averageWorkingHours: 13 });
    expect(attainmentOf('none', [fact({ onTime: undefined, workingHours: undefined })])).toMatchObject({ attainment: null, averageWorkingHours: null });
  });

  it('groups by stage in loop order', () => {
    expect(attainmentBy('stage', facts).map((row) => [row.key, row.finished, row.attainment])).toEqual([
      ['ORDER_ACCEPTANCE', 1, 1],
      ['NETWORK_BUILD', 1, null],
      ['ACTIVATION', 2, 0.5],
      ['CUSTOMER_ACCEPTANCE', 1, 0],
      ['CRM_CLOSE', 1, 1],
    ]);
  });

  it('groups by tier from group down, unspecified last; by work position (工位) along the loop', () => {
    expect(attainmentBy('tier', facts).map((row) => row.key)).toEqual(['GROUP', 'PROVINCIAL', 'LOCAL', 'UNSPECIFIED']);
    expect(attainmentBy('tier', facts)[0]).toMatchObject({ finished: 3, timed: 3, onTime: 2, late: 1, attainment: 0.6667 });
    expect(attainmentBy('position', facts).map((row) => [row.key, row.attainment])).toEqual([
      ['ACCEPTANCE_DESK', 1],
      ['PLANNING', null],
      ['PROVISIONING_SYSTEM', 0.5],
      ['ACCOUNT_MANAGER', 0.5],
    ]);
  });

  it('groups by product and province', () => {
    expect(attainmentBy('product', facts).map((row) => [row.key, row.finished])).toEqual([['DIA', 2], ['EPL', 4]]);
    expect(attainmentBy('province', facts).map((row) => row.key)).toEqual(['北京', '广东', 'UNSPECIFIED']);
  });
});

describe('report window', () => {
  it('runs from 00:00 Beijing time of `from` to the end of `to`', () => {
    expect(reportWindow({ from: '2026-05-01', to: '2026-05-31' }, new Date())).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      fromInstant: '2026-04-30T16:00:00.000Z',
      toInstant: '2026-05-31T16:00:00.000Z',
    });
  });
  it('defaults to the 30 days up to today in Beijing', () => {
    expect(reportWindow({}, new Date('2026-05-20T17:00:00Z'))).toMatchObject({ from: '2026-04-22', to: '2026-05-21' });
  });
  it('refuses a reversed or over-long window, naming the field', () => {
    expect(reportWindow({ from: '2026-05-02', to: '2026-05-01' }, new Date())).toEqual({ invalid: 'from', message: 'must be on or before `to`' });
    expect(reportWindow({ from: '2025-01-01', to: '2026-05-01' }, new Date())).toMatchObject({ invalid: 'to' });
  });
});

describe('CSV', () => {
  const rows = attainmentBy('province', facts);
  const csv = attainmentCsv('province', rows, attainmentOf('TOTAL', facts), (key) => (key === 'TOTAL' ? '合计' : key));

  it('starts with a UTF-8 byte order mark and uses CRLF, one line per group plus the total', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('省份 Province,名称 Name,完成数 Finished,有时限 Timed,按时 On time,超时 Late,失败 Failed,按时率 On-time rate,平均工时 Avg working hours');
    expect(lines[1]).toBe('北京,北京,4,3,2,1,0,0.6667,20');
    expect(lines[4]).toBe('TOTAL,合计,6,5,3,2,1,0.6,13');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas and quotes, and neutralises cells Excel would run as formulas', () => {
    const tricky = attainmentCsv('province', [attainmentOf('=HYPERLINK("x"),1', [fact({})])], attainmentOf('TOTAL', []));
    expect(tricky.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x""),1","'=HYPERLINK(""x""),1",1,1,1,0,0,1,10`);
  });

  it('names the file after the grouping and the window', () => {
    expect(attainmentCsvFilename('position', { from: '2026-05-01', to: '2026-05-31' })).toBe('kamflow-sla-attainment-by-position-2026-05-01-to-2026-05-31.csv');
  });
});
