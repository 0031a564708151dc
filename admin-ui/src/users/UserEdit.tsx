import { BooleanInput, Edit, SaveButton, SimpleForm, TextField, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import Typography from '@mui/material/Typography';
import { UserRoleAndReportingInputs } from './UserInputs.tsx';

function UserEditTitle() {
  const user = useRecordContext();
  const translate = useTranslate();
  return <span>{`${translate('resources.users.name', { smart_count: 1 })} ${user ? String(user.id) : ''}`}</span>;
}

/** Only saving: people are disabled, never deleted, so their history keeps its names. */
function UserEditToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}

/** Roles, reporting line and whether the person may sign in; saved with the version read (a stale one is refused). */
export function UserEdit() {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" title={<UserEditTitle />} redirect="list">
      <SimpleForm toolbar={<UserEditToolbar />}>
        <Typography variant="subtitle1" component="div">
          <TextField source="displayName" /> · <TextField source="email" />
        </Typography>
        <UserRoleAndReportingInputs />
        <BooleanInput source="enabled" helperText={translate('kamflow.users.enabled_hint')} />
      </SimpleForm>
    </Edit>
  );
}
