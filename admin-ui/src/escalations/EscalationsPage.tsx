/** 升级: escalations of breached stages and orders, the chain notified so far, and taking ownership. */
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, Title, useDataProvider, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatters } from '../common/formatting.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import type { Escalation } from './escalationsAdapter.ts';

function AcknowledgeCell({ escalation }: { escalation: Escalation }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => dataProvider.acknowledgeEscalation(escalation.id),
    onSuccess: async () => {
      notify('kamflow.escalations.acknowledged', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['sla', 'escalations'] });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (escalation.acknowledgedBy) {
    const mine = identity && String(identity.id) === escalation.acknowledgedBy;
    return <Typography variant="body2">{mine ? translate('kamflow.escalations.yours') : translate('kamflow.escalations.taken_by', { user: escalation.acknowledgedBy })}</Typography>;
  }
  return (
    <Button variant="contained" size="small" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate()} data-testid={`acknowledge-${escalation.id}`}>
      {translate('kamflow.escalations.acknowledge')}
    </Button>
  );
}

export function EscalationsPage() {
  const translate = useTranslate();
  const format = useFormatters();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const escalations = useQuery({ queryKey: ['sla', 'escalations'], queryFn: () => dataProvider.escalations(), refetchInterval: 30_000 });
  const stageName = (stage: string) => (stage === 'ORDER' ? translate('kamflow.escalations.whole_order') : translate(`kamflow.stage.${stage}`, { _: stage }));
  const level = (name: string) => translate(`kamflow.escalations.level.${name}`, { _: name });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('kamflow.escalations.title')} />
      <CardContent>
        {escalations.data?.length === 0 ? <Typography color="text.secondary">{translate('kamflow.escalations.no_escalations')}</Typography> : null}
        <Table size="small" data-testid="escalations">
          <TableHead>
            <TableRow>
              {(['order', 'account', 'stage', 'breached', 'steps', 'ownership'] as const).map((name) => (
                <TableCell key={name}>{translate(`kamflow.escalations.${name}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(escalations.data ?? []).map((escalation) => (
              <TableRow key={escalation.id} data-testid={`escalation-${escalation.id}`}>
                <TableCell>
                  <Link to={`/orders/${encodeURIComponent(escalation.orderId)}/show`}>{escalation.orderId}</Link>
                </TableCell>
                <TableCell>{escalation.accountName}</TableCell>
                <TableCell>{stageName(escalation.stage)}</TableCell>
                <TableCell>{format.dateTime(escalation.breachedAt)}</TableCell>
                <TableCell>
                  {escalation.steps.map((step) => (
                    <div key={step.level}>
                      {`${level(step.level)}: ${step.notified.join(', ') || '—'} · ${format.dateTime(step.at)}`}
                      {step.informed.length > 0 ? ` (${translate('kamflow.escalations.informed')}: ${step.informed.join(', ')})` : ''}
                    </div>
                  ))}
                </TableCell>
                <TableCell>
                  <AcknowledgeCell escalation={escalation} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
