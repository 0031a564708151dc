/**
 * SLA 看板: on-time rate (按时率) of finished stages by tier, product, province, stage and work position (工位), within
 * the signed-in manager's reach, the SLA alarms with their state and audience, and the report as a CSV file for Excel.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatters } from '../common/formatting.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import { reportGroupings, sortAlarms } from './slaDashboardAdapter.ts';
import type { AlarmView, AttainmentRow, ReportGrouping, ReportWindow } from './slaDashboardAdapter.ts';

const labelPrefix: Readonly<Record<ReportGrouping, string | undefined>> = {
  tier: 'kamflow.tier',
  product: 'kamflow.product',
  province: undefined,
  stage: 'kamflow.stage',
  position: 'kamflow.work_position',
};

/** Green at or above 95 %, amber from 85 %, red below. */
function rateColour(rate: number | null): string {
  if (rate === null) return '#9e9e9e';
  if (rate >= 0.95) return '#2e7d32';
  if (rate >= 0.85) return '#ed6c02';
  return '#d32f2f';
}

function useGroupLabel() {
  const translate = useTranslate();
  return (grouping: ReportGrouping, key: string) => {
    if (key === 'UNSPECIFIED') return translate('kamflow.sla.unspecified');
    const prefix = labelPrefix[grouping];
    return prefix ? translate(`${prefix}.${key}`, { _: key }) : key;
  };
}

function AttainmentChart({ grouping, span }: { grouping: ReportGrouping; span: ReportWindow }) {
  const translate = useTranslate();
  const api = useDataProvider<KamflowDataProvider>();
  const label = useGroupLabel();
  const report = useQuery({ queryKey: ['sla-report', grouping, span.from, span.to], queryFn: () => api.slaReport(grouping, span) });
  const rows = report.data?.rows ?? [];
  const data = rows.map((row: AttainmentRow) => ({ name: label(grouping, row.key), rate: row.attainment === null ? 0 : Math.round(row.attainment * 1000) / 10, row }));
  return (
    <Card variant="outlined" data-testid={`attainment-${grouping}`}>
      <CardHeader
        title={translate(`kamflow.sla.attainment_by.${grouping}`)}
        subheader={report.data ? translate('kamflow.sla.finished_count', { finished: report.data.total.finished, late: report.data.total.late }) : undefined}
        slotProps={{ title: { variant: 'subtitle1' } }}
      />
      <CardContent sx={{ height: 260, pt: 0 }}>
        {report.isError ? <Typography color="error">{translate((report.error as Error).message, { _: (report.error as Error).message })}</Typography> : null}
        {report.data && rows.length === 0 ? <Typography color="text.secondary">{translate('kamflow.sla.no_data')}</Typography> : null}
        {rows.length > 0 ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout={grouping === 'position' || grouping === 'stage' ? 'vertical' : 'horizontal'} margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {grouping === 'position' || grouping === 'stage' ? (
                <>
                  <XAxis type="number" domain={[0, 100]} unit="%" />
                  <YAxis type="category" dataKey="name" width={170} interval={0} tick={{ fontSize: 12 }} />
                </>
              ) : (
                <>
                  <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                  <YAxis domain={[0, 100]} unit="%" />
                </>
              )}
              <Tooltip
                formatter={(_value, _name, item) => {
                  const row = (item.payload as { row: AttainmentRow }).row;
                  return [row.attainment === null ? translate('kamflow.sla.no_due_time') : `${(row.attainment * 100).toFixed(1)} % (${row.onTime}/${row.timed})`, translate('kamflow.sla.on_time_rate')];
                }}
              />
              <Bar dataKey="rate" isAnimationActive={false} name={translate('kamflow.sla.on_time_rate')}>
                {data.map((entry) => (
                  <Cell key={entry.name} fill={rateColour(entry.row.attainment)} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </CardContent>
    </Card>
  );
}

const stateColour = { OK: 'success', ALARM: 'error', INSUFFICIENT_DATA: 'default' } as const;

function AlarmTitle({ alarm }: { alarm: AlarmView }) {
  const translate = useTranslate();
  const stage = alarm.dimensions?.['Stage'];
  const tier = alarm.dimensions?.['Tier'];
  const subject = [stage ? translate(`kamflow.stage.${stage}`, { _: stage }) : undefined, tier ? translate(`kamflow.tier.${tier}`, { _: tier }) : undefined].filter(Boolean).join(' · ');
  const kind = alarm.kind === 'composite' ? 'composite' : alarm.kind === 'anomaly' ? 'anomaly' : (alarm.metricName ?? 'other');
  return (
    <>
      <Typography variant="body2">{`${translate(`kamflow.sla.alarm_kind.${kind}`, { _: alarm.name })}${subject ? ` — ${subject}` : ''}`}</Typography>
      <Typography variant="caption" color="text.secondary">
        {alarm.name}
      </Typography>
    </>
  );
}

function AlarmStates() {
  const translate = useTranslate();
  const format = useFormatters();
  const api = useDataProvider<KamflowDataProvider>();
  const alarms = useQuery({ queryKey: ['sla-alarms'], queryFn: () => api.slaAlarms(), refetchInterval: 30_000 });
  const sorted = sortAlarms(alarms.data ?? []);
  const firing = sorted.filter((alarm) => alarm.state === 'ALARM').length;
  return (
    <Card variant="outlined" data-testid="alarm-states" sx={{ gridColumn: '1 / -1' }}>
      <CardHeader
        title={translate('kamflow.sla.alarms_title')}
        subheader={alarms.data ? translate('kamflow.sla.alarms_summary', { firing, total: sorted.length }) : undefined}
        slotProps={{ title: { variant: 'subtitle1' } }}
      />
      <CardContent sx={{ pt: 0, maxHeight: 420, overflow: 'auto' }}>
        {alarms.isError ? <Typography color="error">{translate((alarms.error as Error).message, { _: (alarms.error as Error).message })}</Typography> : null}
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>{translate('kamflow.sla.alarm')}</TableCell>
              <TableCell>{translate('kamflow.sla.state')}</TableCell>
              <TableCell>{translate('kamflow.sla.audience_title')}</TableCell>
              <TableCell>{translate('kamflow.sla.since')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map((alarm) => (
              <TableRow key={alarm.name} data-alarm={alarm.name} data-state={alarm.state}>
                <TableCell title={alarm.reason}>
                  <AlarmTitle alarm={alarm} />
                </TableCell>
                <TableCell>
                  <Chip size="small" color={stateColour[alarm.state]} label={translate(`kamflow.sla.alarm_state.${alarm.state}`)} data-state={alarm.state} />
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {alarm.audience.map((audience) => (
                      <Chip key={audience} size="small" variant="outlined" label={translate(`kamflow.sla.audience.${audience}`, { _: audience })} />
                    ))}
                  </Stack>
                </TableCell>
                <TableCell>{format.dateTime(alarm.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function CsvDownload({ span }: { span: ReportWindow }) {
  const translate = useTranslate();
  const notify = useNotify();
  const api = useDataProvider<KamflowDataProvider>();
  const [grouping, setGrouping] = useState<ReportGrouping>('stage');
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await api.slaReportCsv(grouping, span);
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField select size="small" label={translate('kamflow.sla.group_by')} value={grouping} onChange={(event) => setGrouping(event.target.value as ReportGrouping)} sx={{ minWidth: 140 }} slotProps={{ htmlInput: { 'data-testid': 'csv-grouping' } }}>
        {reportGroupings.map((option) => (
          <MenuItem key={option} value={option}>
            {translate(`kamflow.sla.grouping.${option}`)}
          </MenuItem>
        ))}
      </TextField>
      <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={busy} data-testid="download-csv" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        {translate('kamflow.sla.download_csv')}
      </Button>
    </Stack>
  );
}

/** The window the API answered with, shown in the date fields until the reader picks dates of their own. */
function useShownWindow(span: ReportWindow) {
  const api = useDataProvider<KamflowDataProvider>();
  const report = useQuery({ queryKey: ['sla-report', 'stage', span.from, span.to], queryFn: () => api.slaReport('stage', span) });
  return { from: span.from ?? report.data?.from ?? '', to: span.to ?? report.data?.to ?? '' };
}

export function SlaDashboard() {
  const translate = useTranslate();
  // No dates at first: the API's default window, on the business clock (which the local runtime can run faster).
  const [span, setSpan] = useState<ReportWindow>({});
  const shown = useShownWindow(span);
  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="sla-dashboard">
      <Title title={translate('kamflow.sla.title')} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { md: 'center' } }}>
        <TextField type="date" size="small" label={translate('kamflow.sla.from')} value={shown.from} onChange={(event) => event.target.value && setSpan({ ...shown, from: event.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" size="small" label={translate('kamflow.sla.to')} value={shown.to} onChange={(event) => event.target.value && setSpan({ ...shown, to: event.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <Box sx={{ flex: 1 }} />
        <CsvDownload span={span} />
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
        {(['tier', 'product', 'province', 'stage', 'position'] as const).map((grouping) => (
          <AttainmentChart key={grouping} grouping={grouping} span={span} />
        ))}
        <AlarmStates />
      </Box>
    </Box>
  );
}
