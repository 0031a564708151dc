/**
 * The closed loop made visible: all eight stages, and for each one the order has entered its work position (工位),
 * owner, status, start and finish, attempts and the progress notes the provisioning system reported.
 */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RedoIcon from '@mui/icons-material/Redo';
import SyncIcon from '@mui/icons-material/Sync';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Step from '@mui/material/Step';
import StepContent from '@mui/material/StepContent';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import type { OrderStage, OrderStageName } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';
import { useFormatters } from '../common/formatting.ts';
import { StateChip } from '../common/StateChip.tsx';
import { stageStatusColour } from '../common/statePresentation.ts';
import { timelineOf, type TimelineStatus } from './timelineEntries.ts';

function StageIcon({ status }: { status: TimelineStatus }) {
  switch (status) {
    case 'DONE':
      return <CheckCircleIcon color="success" />;
    case 'IN_PROGRESS':
      return <SyncIcon color="primary" />;
    case 'WAITING':
      return <HourglassTopIcon color="warning" />;
    case 'FAILED':
      return <ErrorIcon color="error" />;
    case 'SKIPPED':
      return <RedoIcon color="disabled" />;
    case 'PENDING':
    case 'NOT_REACHED':
      return <RadioButtonUncheckedIcon color="disabled" />;
  }
}

export function StageTimeline({ stages, plannedDueTimes }: { stages: OrderStage[]; plannedDueTimes?: Partial<Record<OrderStageName, string>> | undefined }) {
  const translate = useTranslate();
  const format = useFormatters();
  const timeline = timelineOf(stages, plannedDueTimes);
  const active = timeline.findIndex((entry) => entry.status !== 'DONE' && entry.status !== 'SKIPPED');
  return (
    <Stepper orientation="vertical" nonLinear activeStep={active === -1 ? timeline.length : active} data-testid="stage-timeline">
      {timeline.map(({ stage, status, record, plannedDueAt }) => (
        <Step
          key={stage}
          completed={status === 'DONE'}
          expanded={record !== undefined}
          disabled={record === undefined}
          data-testid={`stage-${stage}`}
          data-stage-status={status}
        >
          <StepLabel
            error={status === 'FAILED'}
            icon={<StageIcon status={status} />}
            optional={
              <Typography variant="caption" color="text.secondary">
                {translate(`kamflow.stage_alt.${stage}`, { _: stage })}
                {plannedDueAt ? <span data-testid={`stage-planned-due-${stage}`}>{` · ${translate('kamflow.order.planned_due', { at: format.dateTime(plannedDueAt) })}`}</span> : null}
              </Typography>
            }
          >
            <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
              <Box component="span" sx={{ fontWeight: record ? 600 : 400 }} data-testid="stage-name">
                {translate(`kamflow.stage.${stage}`, { _: stage })}
              </Box>
              <StateChip
                value={status}
                messages="kamflow.stage_status"
                colours={stageStatusColour}
                variant={record ? 'filled' : 'outlined'}
              />
            </Box>
          </StepLabel>
          {record ? <StageDetails stage={record} /> : <StepContent />}
        </Step>
      ))}
    </Stepper>
  );
}

function StageDetails({ stage }: { stage: OrderStage }) {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <StepContent>
      <FactGrid minColumnWidth={150}>
        <Fact label={translate('kamflow.order.work_position')}>
          {translate(`kamflow.work_position.${stage.workPosition}`, { _: stage.workPosition })}
        </Fact>
        <Fact label={translate('kamflow.order.owner')}>{stage.owner}</Fact>
        <Fact label={translate('kamflow.order.started_at')}>{format.dateTime(stage.startedAt)}</Fact>
        <Fact label={translate('kamflow.order.finished_at')}>{format.dateTime(stage.finishedAt)}</Fact>
        <Fact label={translate('kamflow.order.attempts')}>{stage.attempts}</Fact>
        <Fact label={translate('kamflow.order.due_at')}>
          <span data-testid={`stage-due-${stage.stage}`}>
            {format.dateTime(stage.dueAt)}
            {stage.onTime === undefined ? '' : ` · ${translate(stage.onTime ? 'kamflow.order.on_time' : 'kamflow.order.late')}`}
            {stage.workingHours === undefined ? '' : ` · ${translate('kamflow.order.working_hours', { hours: stage.workingHours })}`}
          </span>
        </Fact>
      </FactGrid>
      {stage.note ? (
        <Box sx={{ mt: 1 }}>
          <Fact label={translate('kamflow.order.note')}>{stage.note}</Fact>
        </Box>
      ) : null}
      {stage.progress && stage.progress.length > 0 ? (
        <Box sx={{ mt: 1 }} data-testid="stage-progress">
          <Typography variant="caption" color="text.secondary">
            {translate('kamflow.order.progress')}
          </Typography>
          <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
            {stage.progress.map((note, index) => (
              <Box component="li" key={`${note.at}-${index}`} sx={{ typography: 'body2', mb: 0.5 }}>
                <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
                  {format.dateTime(note.at)}
                </Box>
                {note.message}
                {note.percent !== undefined ? (
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, maxWidth: 320 }}>
                    <LinearProgress
                      variant="determinate"
                      value={Math.min(100, Math.max(0, note.percent))}
                      sx={{ flex: 1 }}
                    />
                    <Typography variant="caption">{note.percent}%</Typography>
                  </Box>
                ) : null}
              </Box>
            ))}
          </Box>
        </Box>
      ) : null}
    </StepContent>
  );
}
