import { useState } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { AccountTree, accounts } from './accounts/index.ts';
import { approvals } from './approvals/index.ts';
import { atRisk } from './atRisk/index.ts';
import { createAuthProvider } from './auth/authProvider.ts';
import { isLocalIdentityProvider } from './auth/demoAccounts.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { createAuthSession } from './auth/session.ts';
import { calendars } from './calendars/index.ts';
import type { RuntimeConfig } from './config.ts';
import { contracts } from './contracts/index.ts';
import { createApiClient } from './dataProvider/httpClient.ts';
import { createKamflowDataProvider } from './dataProvider/index.ts';
import { escalations } from './escalations/index.ts';
import { fallout } from './fallout/index.ts';
import { i18nProvider } from './i18n/i18nProvider.ts';
import { KamflowLayout } from './layout/Layout.tsx';
import { theme } from './layout/theme.ts';
import { orders } from './orders/index.ts';
import { products } from './products/index.ts';
import { slaDashboard } from './slaDashboard/index.ts';
import { slaPolicies } from './slaPolicies/index.ts';
import { users } from './users/index.ts';

/** One session, API client, data provider and auth provider for the life of the page. */
function createProviders(config: RuntimeConfig) {
  const session = createAuthSession({ config: config.auth, storage: window.sessionStorage });
  const idToken = () => session.idToken();
  const client = createApiClient(config.apiUrl, idToken);
  const dataProvider = createKamflowDataProvider(config.apiUrl, idToken);
  const authProvider = createAuthProvider({
    session,
    loadCurrentUser: async () => (await client('/api/me')).json,
    onSessionChange: () => dataProvider.forgetCursors(),
  });
  return { dataProvider, authProvider };
}

/** Custom routes first, then the resources in menu order, each registered whole from its folder's index.ts. */
export function App({ config }: { config: RuntimeConfig }) {
  const [{ dataProvider, authProvider }] = useState(() => createProviders(config));
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      requireAuth
      loginPage={<LoginPage showDemoAccounts={isLocalIdentityProvider(config.auth.endpoint)} />}
      i18nProvider={i18nProvider}
      layout={KamflowLayout}
      theme={theme}
      disableTelemetry
    >
      <CustomRoutes>
        <Route path={AccountTree.path} element={<AccountTree />} />
      </CustomRoutes>
      <Resource name="orders" {...orders} />
      <Resource name="accounts" {...accounts} />
      <Resource name="contracts" {...contracts} />
      <Resource name="approvals" {...approvals} />
      <Resource name="products" {...products} />
      <Resource name="sla-policies" {...slaPolicies} />
      <Resource name="calendars" {...calendars} />
      <Resource name="fallout" {...fallout} />
      <Resource name="users" {...users} />
      <Resource name="sla" {...slaDashboard} />
      <Resource name="at_risk" {...atRisk} />
      <Resource name="escalations" {...escalations} />
    </Admin>
  );
}
