import { Admin, Resource } from 'react-admin';
import { accounts } from './accounts/index.ts';
import { createKamflowDataProvider } from './dataProvider/index.ts';
import { i18nProvider } from './i18n/i18nProvider.ts';
import { KamflowLayout } from './layout/Layout.tsx';
import { theme } from './layout/theme.ts';
import { orders } from './orders/index.ts';
import { bearerToken, createAuthProvider } from './auth/authProvider.ts';
import type { RuntimeConfig } from './config.ts';

export function App({ config }: { config: RuntimeConfig }) {
  return (
    <Admin
      dataProvider={createKamflowDataProvider(config.apiUrl, () => bearerToken(config.auth))}
      authProvider={createAuthProvider(config.auth)}
      requireAuth
      i18nProvider={i18nProvider}
      layout={KamflowLayout}
      theme={theme}
      disableTelemetry
    >
      <Resource name="orders" {...orders} />
      <Resource name="accounts" {...accounts} />
    </Admin>
  );
}
