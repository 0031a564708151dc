/**
 * Business calendars (工作日历): the national one and one per province. A year shows month by month — working days,
 * weekends, holidays by name, make-up working days (调休), provincial days, and years whose holidays are not
 * published yet. Administrators keep the calendar's data below the year: whole additional years on the national
 * calendar, extra holidays and working days on a province's.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { DataTable, List, ListButton, Show, TopToolbar, useCanAccess, useDataProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { CalendarDay, CalendarDayKind, CalendarSummary, CalendarYear, WorkingInterval } from '../api/types.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import { monthGrids, namedRuns, workingDayCount } from './monthGrid.ts';
import { OverridesEditor } from './OverridesEditor.tsx';

const Column = DataTable.Col<CalendarSummary>;

const hoursText = (hours: readonly WorkingInterval[], separator: string) => hours.map((interval) => `${interval.start}–${interval.end}`).join(separator);

function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '—';
  return `${Math.min(...years)}–${Math.max(...years)}`;
}

function useCalendarName() {
  const [locale] = useLocaleState();
  return (calendar: { name: string; nameZh: string }) => (locale === 'en' ? calendar.name : calendar.nameZh);
}

export function CalendarList() {
  const translate = useTranslate();
  const nameOf = useCalendarName();
  return (
    <List exporter={false} perPage={50} pagination={false}>
      <DataTable<CalendarSummary> rowClick="show" bulkActionButtons={false} data-testid="calendar-list">
        <Column source="id" disableSort />
        <Column source="name" disableSort render={nameOf} />
        <Column source="kind" disableSort render={(calendar) => translate(`kamflow.calendar.kind.${calendar.kind}`, { _: calendar.kind })} />
        <Column source="publishedYears" disableSort render={(calendar) => yearsText(calendar.publishedYears)} />
        <Column source="workingHours" disableSort render={(calendar) => hoursText(calendar.workingHours, translate('kamflow.calendar.list_separator'))} />
        <Column source="additionalYears" disableSort render={(calendar) => calendar.additionalYears.join(translate('kamflow.calendar.list_separator')) || '—'} />
        <Column source="extraHolidayCount" disableSort />
        <Column source="extraWorkingDayCount" disableSort />
      </DataTable>
    </List>
  );
}

/** Cell colours by kind of day: red off, blue worked although a weekend, amber/green the province's own, grey weekend. */
export const dayKindStyle: Record<CalendarDayKind, { background: string; color: string }> = {
  WORKING_DAY: { background: 'transparent', color: 'inherit' },
  WEEKEND: { background: '#eeeeee', color: '#616161' },
  PUBLIC_HOLIDAY: { background: '#ffcdd2', color: '#b71c1c' },
  MAKE_UP_WORKING_DAY: { background: '#bbdefb', color: '#0d47a1' },
  PROVINCIAL_HOLIDAY: { background: '#ffe0b2', color: '#e65100' },
  PROVINCIAL_WORKING_DAY: { background: '#c8e6c9', color: '#1b5e20' },
  UNPUBLISHED: { background: 'repeating-linear-gradient(45deg, #fafafa, #fafafa 4px, #e0e0e0 4px, #e0e0e0 8px)', color: '#9e9e9e' },
};
const legendKinds: CalendarDayKind[] = ['WORKING_DAY', 'WEEKEND', 'PUBLIC_HOLIDAY', 'MAKE_UP_WORKING_DAY', 'PROVINCIAL_HOLIDAY', 'PROVINCIAL_WORKING_DAY', 'UNPUBLISHED'];
const markedKinds: readonly CalendarDayKind[] = ['PUBLIC_HOLIDAY', 'MAKE_UP_WORKING_DAY', 'PROVINCIAL_HOLIDAY', 'PROVINCIAL_WORKING_DAY'];

function CalendarTitle() {
  const translate = useTranslate();
  const nameOf = useCalendarName();
  const calendar = useRecordContext<CalendarYear>();
  return <span>{`${translate('resources.calendars.name', { smart_count: 1 })} ${calendar ? nameOf(calendar) : ''}`}</span>;
}

export function CalendarShow() {
  return (
    <Show<CalendarYear> title={<CalendarTitle />} actions={<TopToolbar><ListButton /></TopToolbar>}>
      <CalendarYearView />
    </Show>
  );
}

/** The year shown: `?year=` in the address (so a year can be linked to), else the current year. */
function useShownYear(): [number, (year: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = Number(searchParams.get('year'));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : new Date().getFullYear();
  return [year, (next) => setSearchParams({ year: String(next) }, { replace: true })];
}

function CalendarYearView() {
  const translate = useTranslate();
  const nameOf = useCalendarName();
  const record = useRecordContext<CalendarYear>();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const [year, setYear] = useShownYear();
  const calendarId = record ? String(record.id) : '';
  const view = useQuery({
    queryKey: ['calendar-year', calendarId, year],
    queryFn: () => dataProvider.calendarYear(calendarId, year),
    enabled: calendarId !== '',
    // Keep the previous year on screen (and the editor's draft alive) while the next one loads.
    placeholderData: keepPreviousData,
  });
  const { canAccess: mayEdit } = useCanAccess({ resource: 'calendars', action: 'edit' });
  if (!record) return null;
  const data = view.data;
  return (
    <CardContent>
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1" sx={{ mr: 2 }}>
            {nameOf(data ?? record)}
          </Typography>
          <IconButton aria-label={translate('kamflow.calendar.previous_year')} onClick={() => setYear(year - 1)} data-testid="previous-year">
            <ChevronLeft />
          </IconButton>
          <Typography variant="h6" component="span" data-testid="calendar-year">
            {translate('kamflow.calendar.year', { year })}
          </Typography>
          <IconButton aria-label={translate('kamflow.calendar.next_year')} onClick={() => setYear(year + 1)} data-testid="next-year">
            <ChevronRight />
          </IconButton>
          <Button size="small" onClick={() => setYear(new Date().getFullYear())}>
            {translate('kamflow.calendar.this_year')}
          </Button>
          {data && data.year === year && data.published ? (
            <Typography variant="body2" color="text.secondary" sx={{ pl: 2 }}>
              {translate('kamflow.calendar.working_day_count', { count: workingDayCount(data.days) })}
            </Typography>
          ) : null}
        </Stack>
        {data ? (
          <Typography variant="body2" color="text.secondary">
            {translate('kamflow.calendar.working_hours', { hours: hoursText(data.workingHours, translate('kamflow.calendar.list_separator')) })}
          </Typography>
        ) : null}
        {data && data.year === year && !data.published ? (
          <Alert severity="warning" data-testid="unpublished-year">
            <strong>{translate('kamflow.calendar.unpublished_year', { year })}</strong>
            {` ${translate('kamflow.calendar.unpublished_hint')}`}
          </Alert>
        ) : null}
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="calendar-legend">
          {legendKinds.map((kind) => (
            <Chip key={kind} size="small" variant="outlined" label={translate(`kamflow.calendar.day_kind.${kind}`)} sx={{ background: dayKindStyle[kind].background, color: dayKindStyle[kind].color }} />
          ))}
        </Stack>
        {view.isError ? <Alert severity="error">{translate(view.error.message, { _: view.error.message })}</Alert> : null}
        {data ? <YearGrid days={data.days} /> : null}
        {data ? <NamedDays days={data.days} /> : null}
        {data && mayEdit ? <OverridesEditor key={`${data.id}@${data.overrides.version}`} calendar={data} onReload={() => view.refetch()} /> : null}
      </Stack>
    </CardContent>
  );
}

function DayCell({ day, today }: { day: CalendarDay; today: string }) {
  const translate = useTranslate();
  const kindName = translate(`kamflow.calendar.day_kind.${day.kind}`);
  const label = [day.date, kindName, day.name].filter(Boolean).join(' · ');
  const style = dayKindStyle[day.kind];
  return (
    <Tooltip title={label} disableInteractive>
      <Box
        component="td"
        aria-label={label}
        data-date={day.date}
        data-kind={day.kind}
        sx={{
          position: 'relative',
          width: 32,
          height: 28,
          textAlign: 'center',
          background: style.background,
          color: style.color,
          borderRadius: 1,
          fontWeight: day.date === today ? 700 : 400,
          outline: day.date === today ? '2px solid #1976d2' : 'none',
          outlineOffset: -2,
        }}
      >
        {Number(day.date.slice(8, 10))}
        {markedKinds.includes(day.kind) ? (
          <Box component="span" sx={{ position: 'absolute', top: 0, right: 2, fontSize: '0.55rem', lineHeight: 1 }}>
            {translate(`kamflow.calendar.day_mark.${day.kind}`)}
          </Box>
        ) : null}
      </Box>
    </Tooltip>
  );
}

function YearGrid({ days }: { days: readonly CalendarDay[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const weekdays = translate('kamflow.calendar.weekdays').split(',');
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))' }} data-testid="year-grid">
      {monthGrids(days).map(({ month, weeks }) => (
        <Box key={month} data-testid={`month-${month}`}>
          <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
            {monthName.format(Date.UTC(2000, month - 1, 1))}
          </Typography>
          <Box component="table" sx={{ borderCollapse: 'separate', borderSpacing: '2px', fontSize: '0.8rem' }}>
            <thead>
              <tr>
                {weekdays.map((weekday, index) => (
                  <Box component="th" key={weekday} sx={{ width: 32, fontWeight: 400, color: index >= 5 ? 'error.main' : 'text.secondary' }}>
                    {weekday}
                  </Box>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, weekIndex) => (
                <tr key={weekIndex}>{week.map((day, column) => (day ? <DayCell key={day.date} day={day} today={today} /> : <td key={`blank-${column}`} />))}</tr>
              ))}
            </tbody>
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** The year's holidays and make-up days as a list of runs, so they can be read without hovering. */
function NamedDays({ days }: { days: readonly CalendarDay[] }) {
  const translate = useTranslate();
  if (days.every((day) => day.kind === 'UNPUBLISHED')) return null;
  const runs = namedRuns(days);
  return (
    <Stack spacing={0.5} data-testid="named-days">
      <Typography variant="h6" component="h2">
        {translate('kamflow.calendar.named_days')}
      </Typography>
      {runs.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('kamflow.calendar.none_named')}
        </Typography>
      ) : (
        <Box sx={{ columns: '300px', fontSize: '0.85rem' }}>
          {runs.map((run) => (
            <Box key={run.from} data-date={run.from} data-kind={run.kind} sx={{ breakInside: 'avoid', mb: 0.5 }}>
              <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, mr: 1, borderRadius: '2px', background: dayKindStyle[run.kind].background }} />
              {[
                run.days === 1 ? run.from : translate('kamflow.calendar.date_range', { from: run.from, to: run.to.slice(5), days: run.days }),
                translate(`kamflow.calendar.day_kind.${run.kind}`),
                run.name,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Box>
          ))}
        </Box>
      )}
    </Stack>
  );
}
