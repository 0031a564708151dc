/**
 * The lifecycle actions on one order — hold, resume, amend, cancel, retry from the fallout queue, confirm a network
 * build. A button shows only when the order's state allows the action (`availableActions`, computed by the API from
 * the same transition function that enforces it) and the signed-in role may do it (the API's permission table).
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { Product, ProductOrder } from '../api/types.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import type { OrderCommand } from './ordersAdapter.ts';
import { bandwidthOf, productOf } from './orderDraft.ts';
import { commandBody, commandsFor } from './orderCommands.ts';
import type { CommandForm } from './orderCommands.ts';

function CommandButton({ order, command, onOpen }: { order: ProductOrder; command: OrderCommand; onOpen: (command: OrderCommand) => void }) {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'orders', action: command, record: order });
  if (!canAccess) return null;
  const destructive = command === 'cancel';
  return (
    <Button size="small" variant={destructive ? 'outlined' : 'contained'} color={destructive ? 'error' : 'primary'} onClick={() => onOpen(command)} data-testid={`order-action-${command}`}>
      {translate(`kamflow.lifecycle.${command === 'confirm-build' ? 'confirm_build' : command}`)}
    </Button>
  );
}

export function OrderActions({ order }: { order: ProductOrder }) {
  const [open, setOpen] = useState<OrderCommand | undefined>(undefined);
  const commands = commandsFor(order);
  if (commands.length === 0) return null;
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="order-actions">
        {commands.map((command) => (
          <CommandButton key={command} order={order} command={command} onOpen={setOpen} />
        ))}
      </Stack>
      {open ? <CommandDialog order={order} command={open} onClose={() => setOpen(undefined)} /> : null}
    </>
  );
}


const titles: Record<OrderCommand, string> = {
  hold: 'hold_title',
  resume: 'resume_title',
  amend: 'amend_title',
  cancel: 'cancel_title',
  retry: 'retry_title',
  'confirm-build': 'confirm_build_title',
};
const hints: Partial<Record<OrderCommand, string>> = { hold: 'hold_hint', amend: 'amend_hint', cancel: 'cancel_hint' };

function CommandDialog({ order, command, onClose }: { order: ProductOrder; command: OrderCommand; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const [form, setForm] = useState<CommandForm>({});
  const { data: products } = useGetList<Product & { id: string }>('products', { pagination: { page: 1, perPage: 100 } }, { enabled: command === 'amend' });
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.orderCommand(order.id, command, commandBody(command, form)),
    onSuccess: () => {
      notify(`kamflow.lifecycle.done.${command === 'confirm-build' ? 'confirm_build' : command}`, { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error: unknown) => {
      const message = error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    },
  });
  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <TextField
      key={name}
      label={translate(`kamflow.lifecycle.${label}`)}
      value={form[name] ?? ''}
      onChange={(event) => setForm((current) => ({ ...current, [name]: event.target.value }))}
      slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': `order-action-field-${name}` }, inputLabel: props.type === 'date' ? { shrink: true } : {} }}
      {...props}
    />
  );
  const product = productOf(order);
  const bandwidths = products?.find((candidate) => candidate.id === product?.id)?.bandwidths.map((option) => option.bandwidth) ?? [];
  const needsReason = command === 'hold' || command === 'cancel' || command === 'amend';
  const ready = (!needsReason || (form.reason ?? '').trim() !== '') && (command !== 'confirm-build' || (form.agreedDate ?? '') !== '');
  const hint = hints[command];
  return (
    <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate(`kamflow.lifecycle.${titles[command]}`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {hint ? <DialogContentText>{translate(`kamflow.lifecycle.${hint}`)}</DialogContentText> : null}
          {command === 'hold' ? [field('reason', 'reason', { required: true, multiline: true, minRows: 2 }), field('expectedResumeDate', 'expected_resume_date', { type: 'date' })] : null}
          {command === 'resume' || command === 'retry' ? field('note', 'note', { multiline: true, minRows: 2 }) : null}
          {command === 'cancel' ? field('reason', 'reason', { required: true, multiline: true, minRows: 2 }) : null}
          {command === 'confirm-build'
            ? [
                field('investmentType', 'investment_type', {
                  select: true,
                  children: (['ROLLING', 'STRATEGIC'] as const).map((type) => (
                    <MenuItem key={type} value={type}>
                      {translate(`kamflow.lifecycle.investment.${type}`)}
                    </MenuItem>
                  )),
                }),
                field('agreedDate', 'agreed_date', { type: 'date', required: true }),
                field('buildCost', 'build_cost', { type: 'number' }),
                field('note', 'note'),
              ]
            : null}
          {command === 'amend'
            ? [
                field('reason', 'reason', { required: true }),
                field('bandwidth', 'bandwidth', {
                  select: true,
                  helperText: bandwidthOf(order),
                  children: bandwidths.map((bandwidth) => (
                    <MenuItem key={bandwidth} value={bandwidth}>
                      {bandwidth}
                    </MenuItem>
                  )),
                }),
                field('requestedCompletionDate', 'requested_date', { type: 'date' }),
                field('siteRole', 'site', {
                  select: true,
                  children: [
                    <MenuItem key="none" value="">
                      {translate('kamflow.lifecycle.site_none')}
                    </MenuItem>,
                    ...(order.productOrderItem[0]?.product.place ?? []).map((place) => (
                      <MenuItem key={place.role} value={place.role}>
                        {`${place.role} · ${place.city}`}
                      </MenuItem>
                    )),
                  ],
                }),
                ...(form.siteRole ? [field('city', 'city', { required: true }), field('address', 'address', { required: true })] : []),
              ]
            : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={isPending}>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color={command === 'cancel' ? 'error' : 'primary'} disabled={!ready || isPending} onClick={() => mutate()} data-testid="order-action-submit">
          {translate('kamflow.lifecycle.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
