/**
 * Administrators' data of one calendar. The national calendar takes whole years (holidays and make-up working days)
 * published after the built-in data; a province takes its extra holidays and extra working days. Saving quotes the
 * version read: when someone saved in between (409) the editor says so and offers to reload; a 400 puts each message
 * on the field it names.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { CalendarYear, NamedDate } from '../api/types.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import { useFormatters } from '../common/formatting.ts';
import { draftOf, nextYearToPublish, saveProblemOf, toOverridesRequest, type OverridesDraft, type SaveProblem } from './overridesDraft.ts';

type FieldErrors = Record<string, string>;

function DateRows({ path, label, dates, errors, onChange }: { path: string; label: string; dates: NamedDate[]; errors: FieldErrors; onChange: (dates: NamedDate[]) => void }) {
  const translate = useTranslate();
  const change = (index: number, patch: Partial<NamedDate>) => onChange(dates.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
  return (
    <Stack spacing={1} data-testid={`rows-${path}`}>
      <Typography variant="subtitle2">{label}</Typography>
      {errors[path] ? <Typography variant="body2" color="error">{errors[path]}</Typography> : null}
      {dates.map((entry, index) => {
        const dateError = errors[`${path}.${index}.date`];
        const nameError = errors[`${path}.${index}.name`];
        return (
          <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              size="small"
              type="date"
              name={`${path}.${index}.date`}
              label={translate('kamflow.calendar.date')}
              value={entry.date}
              error={dateError !== undefined}
              helperText={dateError}
              slotProps={{ inputLabel: { shrink: true } }}
              onChange={(event) => change(index, { date: event.target.value })}
            />
            <TextField
              size="small"
              name={`${path}.${index}.name`}
              label={translate('kamflow.calendar.day_name')}
              value={entry.name}
              error={nameError !== undefined}
              helperText={nameError}
              onChange={(event) => change(index, { name: event.target.value })}
            />
            <Button size="small" onClick={() => onChange(dates.filter((_, at) => at !== index))}>
              {translate('kamflow.calendar.remove')}
            </Button>
          </Stack>
        );
      })}
      <Box>
        <Button size="small" onClick={() => onChange([...dates, { date: '', name: '' }])} data-testid={`add-${path}`}>
          {translate('kamflow.calendar.add_date')}
        </Button>
      </Box>
    </Stack>
  );
}

function NationalYears({ calendar, draft, errors, onChange }: { calendar: CalendarYear; draft: OverridesDraft; errors: FieldErrors; onChange: (draft: OverridesDraft) => void }) {
  const translate = useTranslate();
  const years = draft.additionalYears;
  const setYears = (additionalYears: OverridesDraft['additionalYears']) => onChange({ ...draft, additionalYears });
  const nextYear = nextYearToPublish(calendar.publishedYears.filter((year) => !calendar.overrides.additionalYears.some((added) => added.year === year)), draft);
  return (
    <Stack spacing={2}>
      {errors.additionalYears ? <Typography variant="body2" color="error">{errors.additionalYears}</Typography> : null}
      {years.map((schedule, index) => {
        const path = `additionalYears.${index}`;
        const yearError = errors[`${path}.year`];
        return (
          <Stack key={index} spacing={1} sx={{ pl: 2, borderLeft: 3, borderColor: 'primary.light' }} data-testid={`year-${index}`}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              <TextField
                size="small"
                type="number"
                name={`${path}.year`}
                label={translate('kamflow.calendar.year_input')}
                value={schedule.year}
                error={yearError !== undefined}
                helperText={yearError}
                sx={{ width: 160 }}
                onChange={(event) => setYears(years.map((entry, at) => (at === index ? { ...entry, year: Number(event.target.value) } : entry)))}
              />
              <Button size="small" color="error" onClick={() => setYears(years.filter((_, at) => at !== index))}>
                {translate('kamflow.calendar.remove_year')}
              </Button>
            </Stack>
            <DateRows path={`${path}.holidays`} label={translate('kamflow.calendar.holidays')} dates={schedule.holidays} errors={errors} onChange={(holidays) => setYears(years.map((entry, at) => (at === index ? { ...entry, holidays } : entry)))} />
            <DateRows
              path={`${path}.makeUpWorkingDays`}
              label={translate('kamflow.calendar.make_up_days')}
              dates={schedule.makeUpWorkingDays}
              errors={errors}
              onChange={(makeUpWorkingDays) => setYears(years.map((entry, at) => (at === index ? { ...entry, makeUpWorkingDays } : entry)))}
            />
          </Stack>
        );
      })}
      <Box>
        <Button variant="outlined" size="small" onClick={() => setYears([...years, { year: nextYear, holidays: [], makeUpWorkingDays: [] }])} data-testid="add-year">
          {translate('kamflow.calendar.add_year', { year: nextYear })}
        </Button>
      </Box>
    </Stack>
  );
}

export function OverridesEditor({ calendar, onReload }: { calendar: CalendarYear; onReload: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const kind = calendar.id === 'CN' ? 'NATIONAL' : 'PROVINCE';
  const saved = calendar.overrides;
  const [draft, setDraft] = useState<OverridesDraft>(() => draftOf(saved));
  const [problem, setProblem] = useState<SaveProblem | undefined>();
  const save = useMutation({
    mutationFn: () => dataProvider.saveCalendarOverrides(calendar.id, toOverridesRequest(kind, saved.version, draft)),
    onSuccess: async () => {
      setProblem(undefined);
      notify('kamflow.calendar.saved', { type: 'success' });
      // The grid of every year of this calendar, and the list's counts, change with the data.
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['calendar-year', calendar.id] }), queryClient.invalidateQueries({ queryKey: ['calendars'] })]);
    },
    onError: (error: unknown) => setProblem(saveProblemOf(error)),
  });
  const errors: FieldErrors = problem?.kind === 'fields' ? problem.fieldErrors : {};
  return (
    <Stack spacing={2} data-testid="overrides-editor" sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}>
      <Typography variant="h6" component="h2">
        {translate(kind === 'NATIONAL' ? 'kamflow.calendar.national_data' : 'kamflow.calendar.province_data')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate(kind === 'NATIONAL' ? 'kamflow.calendar.national_hint' : 'kamflow.calendar.province_hint')}
      </Typography>
      <Typography variant="caption" color="text.secondary" data-testid="overrides-version">
        {translate('kamflow.calendar.version', { version: saved.version })}
        {saved.updatedBy ? ` · ${translate('kamflow.calendar.updated', { by: saved.updatedBy, at: format.dateTime(saved.updatedAt) })}` : ''}
      </Typography>
      {kind === 'NATIONAL' ? (
        <NationalYears calendar={calendar} draft={draft} errors={errors} onChange={setDraft} />
      ) : (
        <>
          <DateRows path="extraHolidays" label={translate('kamflow.calendar.extra_holidays')} dates={draft.extraHolidays} errors={errors} onChange={(extraHolidays) => setDraft({ ...draft, extraHolidays })} />
          <DateRows path="extraWorkingDays" label={translate('kamflow.calendar.extra_working_days')} dates={draft.extraWorkingDays} errors={errors} onChange={(extraWorkingDays) => setDraft({ ...draft, extraWorkingDays })} />
        </>
      )}
      {problem?.kind === 'stale' ? (
        <Alert
          severity="warning"
          data-testid="overrides-stale"
          action={
            <Button color="inherit" size="small" onClick={onReload}>
              {translate('kamflow.calendar.reload')}
            </Button>
          }
        >
          {translate('kamflow.calendar.stale')}
        </Alert>
      ) : null}
      {problem?.kind === 'fields' ? (
        <Alert severity="error" data-testid="overrides-invalid">
          {`${translate('kamflow.calendar.invalid')} (${problem.message})`}
        </Alert>
      ) : null}
      {problem?.kind === 'other' ? (
        <Alert severity="error" data-testid="overrides-error">
          {translate(problem.message, { _: problem.message })}
        </Alert>
      ) : null}
      <Box>
        <Button variant="contained" disabled={save.isPending || problem?.kind === 'stale'} onClick={() => save.mutate()} data-testid="save-overrides">
          {translate('kamflow.calendar.save')}
        </Button>
      </Box>
    </Stack>
  );
}
