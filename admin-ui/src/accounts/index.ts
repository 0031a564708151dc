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

/** The hierarchy is a custom route, not a react-admin view: App.tsx routes it at its own `path`. */
export { AccountTree } from './AccountTree.tsx';
