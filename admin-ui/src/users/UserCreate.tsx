import { Create, PasswordInput, SimpleForm, TextInput } from 'react-admin';
import { UserRoleAndReportingInputs } from './UserInputs.tsx';
import { validateUserCreate } from './userDraft.ts';

/** A person with roles, reporting line and a temporary password, which they replace at their first sign-in. */
export function UserCreate() {
  return (
    <Create redirect="list">
      <SimpleForm validate={validateUserCreate} defaultValues={{ roles: ['KEY_ACCOUNT_MANAGER'] }}>
        <TextInput source="username" />
        <TextInput source="displayName" />
        <TextInput source="email" type="email" />
        <UserRoleAndReportingInputs />
        <PasswordInput source="temporaryPassword" helperText="kamflow.users.temporary_password_hint" />
      </SimpleForm>
    </Create>
  );
}
