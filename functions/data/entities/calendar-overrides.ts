import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { entityConfiguration } from '../table.ts';

const namedDates = { type: 'list', items: { type: 'map', properties: { date: { type: 'string', required: true }, name: { type: 'string', required: true } } } } as const;

/**
 * An administrator's calendar data: whole additional years for the national calendar 'CN', extra holidays and working
 * days for a province. One item per calendar, changed under its version.
 */
export const CalendarOverridesEntity = new Entity(
  {
    model: { entity: 'calendarOverrides', version: '1', service: 'kamflow' },
    attributes: {
      calendarId: { type: 'string', required: true, readOnly: true },
      extraHolidays: { ...namedDates, required: true },
      extraWorkingDays: { ...namedDates, required: true },
      additionalYears: {
        type: 'list',
        required: true,
        items: { type: 'map', properties: { year: { type: 'number', required: true }, holidays: { ...namedDates, required: true }, makeUpWorkingDays: { ...namedDates, required: true } } },
      },
      version: { type: 'number', required: true },
      updatedBy: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['calendarId'] }, sk: { field: 'sk', composite: [] } },
      allOverrides: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['calendarId'] } },
    },
  },
  entityConfiguration,
);

export type CalendarOverridesRecord = EntityItem<typeof CalendarOverridesEntity>;
