import { Admin, Resource } from 'react-admin';
import { accounts } from './accounts/index.ts';
import { createKamflowDataProvider } from './dataProvider/index.ts';
import { i18nProvider } from './i18n/i18nProvider.ts';
import { KamflowLayout } from './layout/Layout.tsx';
import { theme } from './layout/theme.ts';
import { orders } from './orders/index.ts';

export function App({ apiUrl }: { apiUrl: string }) {
  return (
    <Admin
      dataProvider={createKamflowDataProvider(apiUrl)}
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
