/** react-admin's layout with the product name in the app bar; the language switcher is react-admin's own. */
import Typography from '@mui/material/Typography';
import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout, TitlePortal, useLocaleState, useTranslate } from 'react-admin';

function KamflowAppBar() {
  const translate = useTranslate();
  return (
    <AppBar>
      <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        {translate('kamflow.app.title')}
      </Typography>
      <TitlePortal variant="body1" />
    </AppBar>
  );
}

/** Keeps `<html lang>` in step with the chosen language, so browsers pick Chinese or Latin fonts and screen readers the right voice. */
function DocumentLanguage() {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return null;
}

export function KamflowLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={KamflowAppBar}>
      <DocumentLanguage />
      {children}
    </Layout>
  );
}
