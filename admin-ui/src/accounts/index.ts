import AccountIcon from '@mui/icons-material/Business';
import type { Account } from '../api/types.ts';
import { AccountCreate } from './AccountCreate.tsx';
import { AccountList } from './AccountList.tsx';
import { AccountShow } from './AccountShow.tsx';

export const accounts = {
  list: AccountList,
  show: AccountShow,
  create: AccountCreate,
  icon: AccountIcon,
  recordRepresentation: (account: Account) => account.name,
};
