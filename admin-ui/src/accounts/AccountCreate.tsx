import { Create, SimpleForm, useGetIdentity } from 'react-admin';
import type { AccountDraft } from '../api/types.ts';
import { AccountInputs } from './AccountInputs.tsx';
import { defaultAccountManager } from './accountDraft.ts';

export function AccountCreate() {
  // A key account manager creates accounts they own (the API defaults the owner to them): the form says so up front.
  const { identity, isPending } = useGetIdentity();
  const accountManager = defaultAccountManager(identity);
  const defaults: Partial<AccountDraft> = accountManager ? { accountManager } : {};
  return (
    <Create redirect="show">
      {isPending ? null : (
        <SimpleForm defaultValues={defaults}>
          <AccountInputs />
        </SimpleForm>
      )}
    </Create>
  );
}
