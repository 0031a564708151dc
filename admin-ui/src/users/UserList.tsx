import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { CreateButton, DataTable, List, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import type { RaRecord } from 'react-admin';

type UserRow = RaRecord & { displayName: string; roles: string[]; managerId?: string; unitId?: string; status?: string };

const Column = DataTable.Col<UserRow>;
const statusColour: Record<string, 'success' | 'default' | 'warning'> = { ACTIVE: 'success', DISABLED: 'default', PENDING: 'warning' };

function UserListActions() {
  const { canAccess } = useCanAccess({ resource: 'users', action: 'create' });
  return <TopToolbar>{canAccess ? <CreateButton /> : null}</TopToolbar>;
}

export function UserList() {
  const translate = useTranslate();
  const { canAccess: mayEdit } = useCanAccess({ resource: 'users', action: 'edit' });
  return (
    <List exporter={false} perPage={25} actions={<UserListActions />}>
      <DataTable<UserRow> rowClick={mayEdit ? 'edit' : false} bulkActionButtons={false}>
        <Column source="id" disableSort />
        <Column source="displayName" disableSort />
        <Column
          source="roles"
          disableSort
          render={(user) => (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {user.roles.map((role) => (
                <Chip key={role} size="small" label={translate(`kamflow.role.${role}`, { _: role })} />
              ))}
            </Stack>
          )}
        />
        <Column source="managerId" disableSort />
        <Column source="unitId" disableSort />
        <Column
          source="status"
          disableSort
          render={(user) =>
            user.status ? (
              <Chip size="small" variant="outlined" color={statusColour[user.status] ?? 'default'} data-state={user.status} label={translate(`kamflow.users.status.${user.status}`, { _: user.status })} />
            ) : null
          }
        />
      </DataTable>
    </List>
  );
}
