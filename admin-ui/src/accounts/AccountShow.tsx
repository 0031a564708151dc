/** A key account and the orders placed for it (newest first), with a shortcut to enter the next one. */
import AddIcon from '@mui/icons-material/Add';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  CreateButton,
  ListButton,
  Pagination,
  ReferenceManyField,
  Show,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Account } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';
import { StateChip } from '../common/StateChip.tsx';
import { accountStatusColour } from '../common/statePresentation.ts';
import { useFormatters } from '../common/formatting.ts';
import { OrderTable } from '../orders/OrderTable.tsx';
import { ContractTable } from '../contracts/ContractList.tsx';
import { placeOfAccount } from './placeOfAccount.ts';
import { AccountContacts, AccountTierHistory } from './AccountRecords.tsx';

function AccountTitle() {
  const translate = useTranslate();
  const account = useRecordContext<Account>();
  return <span>{`${translate('resources.accounts.name', { smart_count: 1 })} ${account?.name ?? ''}`}</span>;
}

function AccountActions() {
  const account = useRecordContext<Account>();
  return (
    <TopToolbar>
      <ListButton />
      {account ? (
        <CreateButton
          resource="orders"
          label="kamflow.order.create_for_account"
          icon={<AddIcon />}
          state={{ record: { accountId: account.id } }}
        />
      ) : null}
    </TopToolbar>
  );
}

export function AccountShow() {
  return (
    <Show<Account> title={<AccountTitle />} actions={<AccountActions />}>
      <AccountDetails />
    </Show>
  );
}

function AccountDetails() {
  const translate = useTranslate();
  const format = useFormatters();
  const account = useRecordContext<Account>();
  if (!account) return null;
  return (
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h1">
              {account.name}
            </Typography>
            <StateChip value={account.status} messages="kamflow.account_status" colours={accountStatusColour} />
          </Stack>
          <FactGrid>
            <Fact label={translate('resources.accounts.fields.id')}>{account.id}</Fact>
            <Fact label={translate('resources.accounts.fields.industry')}>
              {translate(`kamflow.industry.${account.industry}`, { _: account.industry })}
            </Fact>
            <Fact label={translate('resources.accounts.fields.tier')}>{translate(`kamflow.tier.${account.tier}`, { _: account.tier })}</Fact>
            <Fact label={translate('resources.accounts.fields.city')}>{placeOfAccount(account) || null}</Fact>
            <Fact label={translate('resources.accounts.fields.accountManager')}>{account.accountManager}</Fact>
            <Fact label={translate('resources.accounts.fields.createdAt')}>{format.dateTime(account.createdAt)}</Fact>
          </FactGrid>
        </Stack>
        <AccountContacts accountId={String(account.id)} />
        <AccountTierHistory accountId={String(account.id)} />
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {translate('kamflow.order.orders_of_account')}
          </Typography>
          <ReferenceManyField reference="orders" target="accountId" perPage={10} pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}>
            <OrderTable showCustomer={false} />
          </ReferenceManyField>
        </Stack>
        <AccountContracts />
      </Stack>
    </CardContent>
  );
}

/** The account's contracts with their approval state; each opens the contract page (lines, decisions). */
function AccountContracts() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'contracts', action: 'list' });
  if (!canAccess) return null;
  return (
    <Stack spacing={1} data-testid="account-contracts">
      <Typography variant="h6" component="h2">
        {translate('kamflow.contract.of_account')}
      </Typography>
      <ReferenceManyField
        reference="contracts"
        target="accountId"
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        empty={<Typography variant="body2" color="text.secondary">{translate('kamflow.contract.none_for_account')}</Typography>}
      >
        <ContractTable showAccount={false} />
      </ReferenceManyField>
    </Stack>
  );
}
