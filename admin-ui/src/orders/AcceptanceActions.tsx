/**
 * Accept / Reject buttons for customer acceptance (验收). Shown only while the CUSTOMER_ACCEPTANCE stage waits for the
 * customer; a rejection needs a reason, which the workflow carries back to activation.
 */
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AcceptanceDecision, ProductOrder } from '../api/types.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import { canRecordAcceptance } from './acceptance.ts';

type Decision = AcceptanceDecision['decision'];

export function AcceptanceActions({ order }: { order: ProductOrder }) {
  const translate = useTranslate();
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  // Operations and solution staff follow the order but do not record the customer's decision.
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'record-acceptance', record: order });
  if (!canRecordAcceptance(order) || !canAccess) return null;
  return (
    <>
      <Alert
        severity="info"
        data-testid="acceptance-panel"
        action={
          <Stack direction="row" spacing={1}>
            <Button variant="contained" color="success" size="small" startIcon={<CheckIcon />} onClick={() => setDecision('ACCEPTED')}>
              {translate('kamflow.acceptance.accept')}
            </Button>
            <Button variant="outlined" color="error" size="small" startIcon={<CloseIcon />} onClick={() => setDecision('REJECTED')}>
              {translate('kamflow.acceptance.reject')}
            </Button>
          </Stack>
        }
      >
        {translate('kamflow.acceptance.waiting')}
      </Alert>
      {decision ? <AcceptanceDialog orderId={order.id} decision={decision} onClose={() => setDecision(undefined)} /> : null}
    </>
  );
}

function AcceptanceDialog({ orderId, decision, onClose }: { orderId: string; decision: Decision; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const [signedBy, setSignedBy] = useState('');
  const [reason, setReason] = useState('');
  const { mutate, isPending } = useMutation({
    mutationFn: (body: AcceptanceDecision) => dataProvider.recordAcceptance(orderId, body),
    onSuccess: () => {
      notify(decision === 'ACCEPTED' ? 'kamflow.acceptance.accepted_notice' : 'kamflow.acceptance.rejected_notice', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: unknown) => {
      const message = error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    },
  });
  const signer = signedBy.trim();
  const rejecting = decision === 'REJECTED';
  const submit = () => {
    if (rejecting) {
      mutate({ decision: 'REJECTED', reason: reason.trim(), ...(signer ? { signedBy: signer } : {}) });
    } else {
      mutate({ decision: 'ACCEPTED', ...(signer ? { signedBy: signer } : {}) });
    }
  };
  return (
    <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate(rejecting ? 'kamflow.acceptance.reject_title' : 'kamflow.acceptance.accept_title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={translate('kamflow.acceptance.signed_by')}
            value={signedBy}
            onChange={(event) => setSignedBy(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          {rejecting ? (
            <TextField
              required
              multiline
              minRows={3}
              label={translate('kamflow.acceptance.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 1000 } }}
            />
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={isPending}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          color={rejecting ? 'error' : 'success'}
          onClick={submit}
          disabled={isPending || (rejecting && reason.trim() === '')}
        >
          {translate(rejecting ? 'kamflow.acceptance.reject' : 'kamflow.acceptance.accept')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
