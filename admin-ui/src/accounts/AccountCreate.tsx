import { Create, SimpleForm } from 'react-admin';
import { AccountInputs } from './AccountInputs.tsx';

export function AccountCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <AccountInputs />
      </SimpleForm>
    </Create>
  );
}
