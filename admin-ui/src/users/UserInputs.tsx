import { CheckboxGroupInput, TextInput } from 'react-admin';
import { userRoles } from '../auth/permissions.ts';

const roleChoices = userRoles.map((role) => ({ id: role, name: `kamflow.role.${role}` }));

/** Roles and reporting line: shared by the create and edit forms. */
export function UserRoleAndReportingInputs() {
  return (
    <>
      <CheckboxGroupInput source="roles" choices={roleChoices} row={false} />
      <TextInput source="manager" helperText="kamflow.users.manager_hint" />
      <TextInput source="unit" helperText="kamflow.users.unit_hint" />
    </>
  );
}
