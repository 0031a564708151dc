import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { CalendarOverrides } from '../api/types.ts';
import { draftOf, nextYearToPublish, saveProblemOf, toOverridesRequest } from './overridesDraft.ts';

const saved: CalendarOverrides = {
  calendarId: 'CN',
  version: 3,
  extraHolidays: [],
  extraWorkingDays: [],
  additionalYears: [{ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkingDays: [] }],
  updatedBy: 'admin',
  updatedAt: '2026-11-20T08:00:00.000Z',
};

describe('calendar overrides draft', () => {
  it('copies the saved data so that editing the draft leaves the record alone', () => {
    const draft = draftOf(saved);
    draft.additionalYears[0]?.holidays.push({ date: '2027-01-02', name: '元旦' });
    expect(saved.additionalYears[0]?.holidays).toHaveLength(1);
  });

  it('sends the national calendar only whole years, with the version read and names trimmed', () => {
    const draft = draftOf(saved);
    draft.extraHolidays.push({ date: '2026-05-04', name: 'stray' });
    draft.additionalYears[0]?.makeUpWorkingDays.push({ date: ' 2027-02-20 ', name: ' 春节 ' });
    expect(toOverridesRequest('NATIONAL', 3, draft)).toEqual({
      version: 3,
      extraHolidays: [],
      extraWorkingDays: [],
      additionalYears: [{ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkingDays: [{ date: '2027-02-20', name: '春节' }] }],
    });
  });

  it('sends a province only its extra days, keeping incomplete rows in place for the API to name', () => {
    const draft = draftOf({ ...saved, calendarId: 'CN-SH', version: 0, additionalYears: [] });
    draft.extraHolidays.push({ date: '2026-11-12', name: '进博会' }, { date: '', name: '' });
    draft.extraWorkingDays.push({ date: '2026-11-14', name: '调班' });
    draft.additionalYears.push({ year: 2030, holidays: [], makeUpWorkingDays: [] });
    expect(toOverridesRequest('PROVINCE', 0, draft)).toEqual({
      version: 0,
      extraHolidays: [{ date: '2026-11-12', name: '进博会' }, { date: '', name: '' }],
      extraWorkingDays: [{ date: '2026-11-14', name: '调班' }],
      additionalYears: [],
    });
  });

  it('proposes the year after every published and drafted year', () => {
    expect(nextYearToPublish([2024, 2025, 2026], draftOf({ ...saved, additionalYears: [] }))).toBe(2027);
    expect(nextYearToPublish([2024, 2025, 2026], draftOf(saved))).toBe(2028);
  });
});

describe('a failed save', () => {
  it('is stale on 409', () => {
    expect(saveProblemOf(new HttpError('version 2 is not the current version 3', 409, { code: 'CONFLICT', message: 'x' }))).toEqual({ kind: 'stale' });
  });

  it('names fields on a 400 with form errors, leaving out the summary', () => {
    const error = new HttpError('Invalid calendar data', 400, {
      code: 'VALIDATION',
      message: 'Invalid calendar data',
      errors: { 'additionalYears.0.holidays.1.date': 'must lie in 2027', root: { serverError: 'Invalid calendar data' } },
    });
    expect(saveProblemOf(error)).toEqual({ kind: 'fields', message: 'Invalid calendar data', fieldErrors: { 'additionalYears.0.holidays.1.date': 'must lie in 2027' } });
  });

  it('is a plain message otherwise', () => {
    expect(saveProblemOf(new HttpError('kamflow.errors.forbidden', 403, { code: 'FORBIDDEN', message: 'no' }))).toEqual({ kind: 'other', message: 'kamflow.errors.forbidden' });
    expect(saveProblemOf(new HttpError('Invalid', 400, { code: 'VALIDATION', message: 'Invalid' }))).toEqual({ kind: 'other', message: 'Invalid' });
    expect(saveProblemOf(new Error('boom'))).toEqual({ kind: 'other', message: 'boom' });
  });
});
