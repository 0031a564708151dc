import AccountTreeIcon from '@mui/icons-material/AccountTree';
import Button from '@mui/material/Button';
import { CreateButton, DataTable, Link, List, TopToolbar, useTranslate } from 'react-admin';
import type { Account } from '../api/types.ts';
import { StateChip } from '../common/StateChip.tsx';
import { accountStatusColour } from '../common/statePresentation.ts';
import { placeOfAccount } from './placeOfAccount.ts';
import { AccountTree } from './AccountTree.tsx';

const Column = DataTable.Col<Account>;

export function AccountList() {
  const translate = useTranslate();
  return (
    <List
      exporter={false}
      perPage={25}
      actions={
        <TopToolbar>
          <Button component={Link} to={AccountTree.path} size="small" startIcon={<AccountTreeIcon />} data-testid="show-account-tree">
            {translate('kamflow.account_tree.show_tree')}
          </Button>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable<Account> rowClick="show" bulkActionButtons={false}>
        <Column source="name" disableSort />
        <Column
          source="industry"
          disableSort
          render={(account) => translate(`kamflow.industry.${account.industry}`, { _: account.industry })}
        />
        <Column source="tier" disableSort render={(account) => translate(`kamflow.tier.${account.tier}`, { _: account.tier })} />
        <Column
          source="status"
          disableSort
          render={(account) => <StateChip value={account.status} messages="kamflow.account_status" colours={accountStatusColour} />}
        />
        <Column source="city" disableSort render={placeOfAccount} />
        <Column source="accountManager" disableSort />
      </DataTable>
    </List>
  );
}
