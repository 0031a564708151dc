/** SLA reports and alarms. */
import * as z from 'zod';
import { reportGroupings } from '../../domain/sla-attainment.ts';
import { alarmAudiences, alarmStates } from '../../commons/alarm-definitions.ts';
import { text } from './common.ts';

export const slaReportQuerySchema = z.object({
  from: z.iso.date().optional().meta({ description: 'First day (Beijing time), inclusive; default 29 days before `to`' }),
  to: z.iso.date().optional().meta({ description: 'Last day (Beijing time), inclusive; default today' }),
  groupBy: z.enum(reportGroupings).default('stage'),
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv (or `Accept: text/csv`) answers a CSV file for Excel' }),
});
const attainmentRowSchema = z.object({
  key: z.string(),
  finished: z.number().int(),
  timed: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  failed: z.number().int(),
  attainment: z.number().nullable(),
  averageWorkingHours: z.number().nullable(),
});
export const slaReportSchema = z
  .object({ from: z.string(), to: z.string(), groupBy: z.enum(reportGroupings), scope: z.string(), total: attainmentRowSchema, rows: z.array(attainmentRowSchema) })
  .meta({ id: 'SlaReport' });
export const alarmStateSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['threshold', 'anomaly', 'composite']),
    description: z.string(),
    audience: z.array(z.enum(alarmAudiences)),
    state: z.enum(alarmStates),
    reason: z.string(),
    updatedAt: z.string().optional(),
    metricName: z.string().optional(),
    dimensions: z.record(z.string(), z.string()).optional(),
    statistic: z.string().optional(),
    comparison: z.string().optional(),
    threshold: z.number().optional(),
    periodSeconds: z.number().optional(),
    evaluationPeriods: z.number().optional(),
    anyOf: z.array(z.string()).optional(),
  })
  .meta({ id: 'AlarmState' });
export const alarmStateListSchema = z.object({ items: z.array(alarmStateSchema) }).meta({ id: 'AlarmStateList' });
