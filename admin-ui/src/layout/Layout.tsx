/**
 * react-admin's layout with the product name in the app bar and a user menu that says who is signed in and in which
 * role(s); the language switcher is react-admin's own.
 */
import Divider from '@mui/material/Divider';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { AppBar, Layout, Logout, TitlePortal, UserMenu, useGetIdentity, useTranslate } from 'react-admin';
import { DocumentLanguage } from './DocumentLanguage.tsx';

function rolesOf(identity: unknown): string[] {
  if (typeof identity !== 'object' || identity === null || !('roles' in identity) || !Array.isArray(identity.roles)) return [];
  return identity.roles.filter((role): role is string => typeof role === 'string');
}

/** Who is signed in: display name, user id and role(s), above the sign-out item. */
function SignedInAs() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const roles = rolesOf(identity).map((role) => translate(`kamflow.role.${role}`, { _: role }));
  return (
    <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }} data-testid="signed-in-as">
      <ListItemText
        primary={identity.fullName ?? String(identity.id)}
        secondary={
          <>
            <span>{`${translate('kamflow.auth.signed_in_as')}: ${String(identity.id)}`}</span>
            <br />
            <span data-testid="user-roles">{roles.join(' · ')}</span>
          </>
        }
      />
    </MenuItem>
  );
}

function KamflowUserMenu() {
  return (
    <UserMenu>
      <SignedInAs />
      <Divider />
      <Logout />
    </UserMenu>
  );
}

function KamflowAppBar() {
  const translate = useTranslate();
  return (
    <AppBar userMenu={<KamflowUserMenu />}>
      <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        {translate('kamflow.app.title')}
      </Typography>
      <TitlePortal variant="body1" />
    </AppBar>
  );
}

export function KamflowLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={KamflowAppBar}>
      <DocumentLanguage />
      {children}
    </Layout>
  );
}
