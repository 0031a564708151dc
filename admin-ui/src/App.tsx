import { useState } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { AccountTree } from './accounts/AccountTree.tsx';
import { users } from './users/index.ts';
import { accounts } from './accounts/index.ts';
import { createAuthProvider } from './auth/authProvider.ts';
import { isLocalIdentityProvider } from './auth/demoAccounts.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { createAuthSession } from './auth/session.ts';
import type { RuntimeConfig } from './config.ts';
import { createApiClient } from './dataProvider/httpClient.ts';
import { createKamflowDataProvider } from './dataProvider/index.ts';
import { i18nProvider } from './i18n/i18nProvider.ts';
import { KamflowLayout } from './layout/Layout.tsx';
import { theme } from './layout/theme.ts';
import { orders } from './orders/index.ts';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { ApprovalsInbox } from './approvals/ApprovalsInbox.tsx';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { FalloutList } from './orders/FalloutList.tsx';
import CategoryIcon from '@mui/icons-material/Category';
import { ProductEdit, ProductList, ProductShow } from './products/ProductPages.tsx';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import AccessAlarmIcon from '@mui/icons-material/AccessAlarm';
import { AtRiskPage } from './sla/AtRiskPage.tsx';
import { EscalationsPage } from './sla/EscalationsPage.tsx';
import { withSlaApi } from './sla/slaApi.ts';
import InsightsIcon from '@mui/icons-material/Insights';
import { SlaDashboard } from './sla/SlaDashboard.tsx';
import { createSlaApi } from './sla/slaReportsApi.ts';
import { contracts } from './contracts/index.ts';
import { slaPolicies } from './sla/slaPolicies.ts';
import { calendars } from './calendars/index.ts';

/** One session, API client, data provider and auth provider for the life of the page. */
function createProviders(config: RuntimeConfig) {
  const session = createAuthSession({ config: config.auth, storage: window.sessionStorage });
  const idToken = () => session.idToken();
  const client = createApiClient(config.apiUrl, idToken);
  const dataProvider = withSlaApi(createKamflowDataProvider(config.apiUrl, idToken), client);
  const authProvider = createAuthProvider({
    session,
    loadCurrentUser: async () => (await client('/api/me')).json,
    onSessionChange: () => dataProvider.forgetCursors(),
  });
  return { dataProvider, authProvider, slaApi: createSlaApi(config.apiUrl, idToken) };
}

export function App({ config }: { config: RuntimeConfig }) {
  const [{ dataProvider, authProvider, slaApi }] = useState(() => createProviders(config));
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
      <Resource name="orders" {...orders} />
      <Resource name="accounts" {...accounts} />
      <Resource name="contracts" {...contracts} />
      <Resource name="approvals" list={ApprovalsInbox} icon={FactCheckIcon} />
      <Resource name="products" list={ProductList} show={ProductShow} edit={ProductEdit} icon={CategoryIcon} />
      <Resource name="sla-policies" {...slaPolicies} />
      <Resource name="calendars" {...calendars} />
      <Resource name="fallout" list={FalloutList} icon={ReportProblemIcon} />
      <Resource name="users" {...users} />
      <Resource name="sla" list={<SlaDashboard api={slaApi} />} icon={InsightsIcon} />
      <CustomRoutes>
        <Route path="/accounts/tree" element={<AccountTree />} />
      </CustomRoutes>
      <Resource name="at_risk" list={AtRiskPage} icon={AccessAlarmIcon} />
      <Resource name="escalations" list={EscalationsPage} icon={NotificationsActiveIcon} />
    </Admin>
  );
}
