/**
 * SLA policies: what each contract SLA class commits to, and each product's standard for orders without a contract —
 * the end-to-end target, the per-stage targets, the jeopardy threshold, the calendar and working hours — with every
 * version of a policy.
 */
import Box from '@mui/material/Box';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { DataTable, Link, List, ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { SlaPolicyView, WorkingBudget } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';

const Column = DataTable.Col<SlaPolicyView>;
const noWrap = () => ({ whiteSpace: 'nowrap' }) as const;

/** "3 个工作日", "4 个工作小时", both, or "不限". */
export function useBudgetText() {
  const translate = useTranslate();
  return (budget: WorkingBudget) =>
    [
      budget.workingDays !== undefined ? translate('kamflow.sla_policy.days', { count: budget.workingDays }) : '',
      budget.workingHours !== undefined ? translate('kamflow.sla_policy.hours', { count: budget.workingHours }) : '',
    ]
      .filter(Boolean)
      .join(' ') || translate('kamflow.sla_policy.none');
}

function useAppliesTo() {
  const translate = useTranslate();
  return (policy: SlaPolicyView) =>
    [
      policy.appliesTo.slaClass ? translate('kamflow.sla_policy.class', { slaClass: policy.appliesTo.slaClass }) : '',
      policy.appliesTo.tier ? translate(`kamflow.tier.${policy.appliesTo.tier}`, { _: policy.appliesTo.tier }) : '',
      policy.appliesTo.productId ? translate(`kamflow.product.${policy.appliesTo.productId}`, { _: policy.appliesTo.productId }) : '',
    ]
      .filter(Boolean)
      .join(' · ') || translate('kamflow.sla_policy.all');
}

const percent = (threshold: number) => `${Math.round(threshold * 100)}%`;

export function SlaPolicyList() {
  const translate = useTranslate();
  const budgetText = useBudgetText();
  const appliesTo = useAppliesTo();
  return (
    <List exporter={false} perPage={50} pagination={false}>
      <DataTable<SlaPolicyView> rowClick="show" bulkActionButtons={false} data-testid="sla-policy-list">
        <Column source="policyId" disableSort cellSx={noWrap} />
        <Column source="appliesTo" disableSort render={appliesTo} />
        <Column source="endToEnd" disableSort cellSx={noWrap} render={(policy) => budgetText(policy.endToEnd)} />
        <Column source="jeopardyThreshold" disableSort render={(policy) => percent(policy.jeopardyThreshold)} />
        <Column source="version" disableSort />
        <Column source="source" disableSort render={(policy) => translate(`kamflow.sla_policy.source.${policy.source}`, { _: policy.source })} />
      </DataTable>
    </List>
  );
}

export function SlaPolicyShow() {
  return (
    <Show<SlaPolicyView> actions={<TopToolbar><ListButton /></TopToolbar>}>
      <SlaPolicyDetails />
    </Show>
  );
}

function StageTargets({ policy }: { policy: SlaPolicyView }) {
  const translate = useTranslate();
  const budgetText = useBudgetText();
  return (
    <Table size="small" data-testid="stage-targets" sx={{ maxWidth: 640 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('kamflow.sla_policy.stage')}</TableCell>
          <TableCell>{translate('kamflow.sla_policy.limit')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {policy.stageTargets.map((target) => (
          <TableRow key={target.stage}>
            <TableCell>{translate(`kamflow.stage.${target.stage}`, { _: target.stage })}</TableCell>
            <TableCell>{budgetText(target)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function SlaPolicyDetails() {
  const translate = useTranslate();
  const budgetText = useBudgetText();
  const appliesTo = useAppliesTo();
  const policy = useRecordContext<SlaPolicyView>();
  if (!policy) return null;
  const field = (name: string) => translate(`resources.sla-policies.fields.${name}`);
  return (
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h1">
              {`${policy.policyId} · ${appliesTo(policy)}`}
            </Typography>
            <Chip size="small" label={translate(`kamflow.sla_policy.source.${policy.source}`, { _: policy.source })} />
          </Stack>
          <FactGrid>
            <Fact label={field('endToEnd')}>{budgetText(policy.endToEnd)}</Fact>
            <Fact label={field('jeopardyThreshold')}>{percent(policy.jeopardyThreshold)}</Fact>
            <Fact label={field('version')}>{policy.version}</Fact>
            <Fact label={field('calendarId')}>
              <Link to={`/calendars/${encodeURIComponent(policy.calendarId)}/show`}>
                {policy.calendarId === 'CN' ? translate('kamflow.sla_policy.national_or_province') : policy.calendarId}
              </Link>
            </Fact>
            <Fact label={field('workingHours')}>{policy.workingHours.map((interval) => `${interval.start}–${interval.end}`).join(translate('kamflow.sla_policy.list_separator'))}</Fact>
          </FactGrid>
          <Typography variant="body2" color="text.secondary">
            {translate('kamflow.sla_policy.threshold_hint')} {translate('kamflow.sla_policy.calendar_hint')}
          </Typography>
        </Stack>
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {field('stageTargets')}
          </Typography>
          <StageTargets policy={policy} />
        </Stack>
        {policy.versions && policy.versions.length > 0 ? (
          <Stack spacing={1} data-testid="sla-policy-versions">
            <Typography variant="h6" component="h2">
              {translate('kamflow.sla_policy.versions')}
            </Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{field('version')}</TableCell>
                  <TableCell>{field('endToEnd')}</TableCell>
                  <TableCell>{field('jeopardyThreshold')}</TableCell>
                  <TableCell>{field('stageTargets')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {policy.versions.map((version) => (
                  <TableRow key={version.version}>
                    <TableCell sx={noWrap}>
                      <Box component="span" sx={{ mr: 1 }}>
                        {version.version}
                      </Box>
                      {version.current ? <Chip size="small" color="primary" label={translate('kamflow.sla_policy.current')} /> : null}
                    </TableCell>
                    <TableCell sx={noWrap}>{budgetText(version.endToEnd)}</TableCell>
                    <TableCell>{percent(version.jeopardyThreshold)}</TableCell>
                    <TableCell>
                      {version.stageTargets.map((target) => `${translate(`kamflow.stage.${target.stage}`, { _: target.stage })} ${budgetText(target)}`).join(translate('kamflow.sla_policy.list_separator'))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Stack>
        ) : null}
      </Stack>
    </CardContent>
  );
}
