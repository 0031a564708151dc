import UsersIcon from '@mui/icons-material/ManageAccounts';
import { UserCreate } from './UserCreate.tsx';
import { UserEdit } from './UserEdit.tsx';
import { UserList } from './UserList.tsx';

export const users = {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: UsersIcon,
  recordRepresentation: (user: { id: string; displayName?: string }) => user.displayName ?? user.id,
};
