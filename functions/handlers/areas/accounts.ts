/** The accounts area's function: key accounts, their hierarchy, contacts, plans and tiers; people and their roles. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as createAccount } from '../http/create-account.ts';
import { handler as listAccounts } from '../http/list-accounts.ts';
import { handler as getAccount } from '../http/get-account.ts';
import { handler as updateAccount } from '../http/update-account.ts';
import { handler as listAccountChildren } from '../http/list-account-children.ts';
import { handler as getTierHistory } from '../http/get-tier-history.ts';
import { handler as overrideTier } from '../http/override-tier.ts';
import { handler as evaluateTiers } from '../http/evaluate-tiers.ts';
import { handler as listContacts } from '../http/list-contacts.ts';
import { handler as createContact } from '../http/create-contact.ts';
import { handler as getCustomerPlan } from '../http/get-customer-plan.ts';
import { handler as saveCustomerPlan } from '../http/save-customer-plan.ts';
import { handler as getCurrentUser } from '../http/get-current-user.ts';
import { handler as listUsers } from '../http/list-users.ts';
import { handler as createUser } from '../http/create-user.ts';
import { handler as getUser } from '../http/get-user.ts';
import { handler as updateUser } from '../http/update-user.ts';

export const handler = areaHandler('accounts', {
  createAccount,
  listAccounts,
  getAccount,
  updateAccount,
  listAccountChildren,
  getTierHistory,
  overrideTier,
  evaluateTiers,
  listContacts,
  createContact,
  getCustomerPlan,
  saveCustomerPlan,
  getCurrentUser,
  listUsers,
  createUser,
  getUser,
  updateUser,
});
