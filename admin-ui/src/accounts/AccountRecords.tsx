/** The account's contacts (with a form to add one) and its tier history, on the account page. */
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contactRoles } from '../../../functions/domain/accounts.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import { useFormatters } from '../common/formatting.ts';

export function AccountContacts({ accountId }: { accountId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: ['contacts', accountId], queryFn: () => dataProvider.contactsOf(accountId) });
  const [draft, setDraft] = useState({ name: '', role: 'DECISION_MAKER', phone: '', email: '' });
  const add = useMutation({
    mutationFn: () => dataProvider.addContact(accountId, draft),
    onSuccess: async () => {
      setDraft({ name: '', role: 'DECISION_MAKER', phone: '', email: '' });
      await queryClient.invalidateQueries({ queryKey: ['contacts', accountId] });
      notify('kamflow.contacts.added', { type: 'success' });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  const field = (name: keyof typeof draft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
    size: 'small' as const,
    label: translate(`kamflow.contacts.${name}`),
    inputProps: { 'data-testid': `contact-${name}` },
  });
  return (
    <Stack spacing={1} data-testid="account-contacts">
      <Typography variant="h6">{translate('kamflow.contacts.title')}</Typography>
      {contacts.isError ? <Typography color="text.secondary">{translate('kamflow.contacts.hidden')}</Typography> : null}
      <Table size="small">
        <TableHead>
          <TableRow>
            {(['name', 'role', 'phone', 'email'] as const).map((name) => (
              <TableCell key={name}>{translate(`kamflow.contacts.${name}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {(contacts.data ?? []).map((contact) => (
            <TableRow key={contact.id}>
              <TableCell>{contact.name}</TableCell>
              <TableCell>{translate(`kamflow.contacts.roles.${contact.role}`, { _: contact.role })}</TableCell>
              <TableCell>{contact.phone ?? ''}</TableCell>
              <TableCell>{contact.email ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField {...field('name')} />
        <TextField {...field('role')} select sx={{ minWidth: 140 }}>
          {contactRoles.map((role) => (
            <MenuItem key={role} value={role}>
              {translate(`kamflow.contacts.roles.${role}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField {...field('phone')} />
        <TextField {...field('email')} />
        <Button variant="outlined" onClick={() => add.mutate()} disabled={add.isPending || draft.name.trim() === ''} data-testid="contact-add">
          {translate('kamflow.contacts.add')}
        </Button>
      </Stack>
    </Stack>
  );
}

export function AccountTierHistory({ accountId }: { accountId: string }) {
  const translate = useTranslate();
  const format = useFormatters();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const history = useQuery({ queryKey: ['tier-history', accountId], queryFn: () => dataProvider.tierHistoryOf(accountId) });
  return (
    <Stack spacing={1}>
      <Typography variant="h6">{translate('kamflow.tier_history.title')}</Typography>
      <Table size="small">
        <TableBody>
          {(history.data ?? []).map((change) => (
            <TableRow key={`${change.at}-${change.to}`}>
              <TableCell>{format.dateTime(change.at)}</TableCell>
              <TableCell>{`${translate(`kamflow.tier.${change.from}`, { _: change.from })} → ${translate(`kamflow.tier.${change.to}`, { _: change.to })}`}</TableCell>
              <TableCell>{change.override ? translate('kamflow.tier_history.override') : change.ruleVersion ? `${translate('kamflow.tier_history.rule')} v${change.ruleVersion}` : ''}</TableCell>
              <TableCell>{change.changedBy}</TableCell>
              <TableCell>{change.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}
