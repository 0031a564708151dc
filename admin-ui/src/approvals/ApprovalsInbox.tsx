/** 审批: contracts waiting for the signed-in approver's decision under the commercial authorisation matrix. */
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import type { Contract } from './approvalsAdapter.ts';
import { useFormatters } from '../common/formatting.ts';

function DecisionCell({ contract }: { contract: Contract }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'APPROVED' | 'REFUSED') => dataProvider.decideContract(contract.id, decision, reason),
    onSuccess: async (_result, decision) => {
      notify(decision === 'APPROVED' ? 'kamflow.approvals.approved' : 'kamflow.approvals.refused', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField size="small" label={translate('kamflow.approvals.reason')} value={reason} onChange={(event) => setReason(event.target.value)} inputProps={{ 'data-testid': `reason-${contract.id}` }} />
      <Button variant="contained" color="success" disabled={reason.trim() === '' || decide.isPending} onClick={() => decide.mutate('APPROVED')} data-testid={`approve-${contract.id}`}>
        {translate('kamflow.approvals.approve')}
      </Button>
      <Button variant="outlined" color="error" disabled={reason.trim() === '' || decide.isPending} onClick={() => decide.mutate('REFUSED')}>
        {translate('kamflow.approvals.refuse')}
      </Button>
    </Stack>
  );
}

export function ApprovalsInbox() {
  const translate = useTranslate();
  const format = useFormatters();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const inbox = useQuery({ queryKey: ['approvals'], queryFn: () => dataProvider.approvalInbox() });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('kamflow.approvals.title')} />
      <CardContent>
        {inbox.isError ? <Typography color="text.secondary">{translate('kamflow.approvals.not_an_approver')}</Typography> : null}
        {inbox.data?.length === 0 ? <Typography color="text.secondary">{translate('kamflow.approvals.empty')}</Typography> : null}
        <Table size="small" data-testid="approvals-inbox">
          <TableHead>
            <TableRow>
              {(['title', 'account', 'value', 'discount', 'level', 'submitted', 'decision'] as const).map((name) => (
                <TableCell key={name}>{translate(`kamflow.approvals.${name}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(inbox.data ?? []).map((contract) => (
              <TableRow key={contract.id} data-testid={`approval-${contract.id}`}>
                <TableCell>{contract.title}</TableCell>
                <TableCell>{contract.accountId}</TableCell>
                <TableCell>{format.money(contract.agreedValue)}</TableCell>
                <TableCell>{`${contract.discountPercent} %`}</TableCell>
                <TableCell title={contract.approvalReasons.join('\n')}>{translate(`kamflow.approvals.levels.${contract.requiredLevel}`, { _: contract.requiredLevel })}</TableCell>
                <TableCell>{`${contract.submittedBy} · ${format.dateTime(contract.submittedAt)}`}</TableCell>
                <TableCell>
                  <DecisionCell contract={contract} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
