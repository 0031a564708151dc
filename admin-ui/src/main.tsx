import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ConfigError as RuntimeConfigError, loadRuntimeConfig } from './config.ts';
import { sharedMessages } from './i18n/sharedMessages.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

/** Shown when config.json is missing or wrong. react-admin is not running yet, so both languages are shown. */
function ConfigError({ error }: { error: unknown }) {
  const zh = sharedMessages.zh.kamflow.app;
  const en = sharedMessages.en.kamflow.app;
  const problem = error instanceof RuntimeConfigError ? error.problem : undefined;
  return (
    <Alert severity="error" sx={{ m: 4 }}>
      <AlertTitle>{`${zh.config_error_title} · ${en.config_error_title}`}</AlertTitle>
      {problem ? `${zh.config_problem[problem]} ${en.config_problem[problem]}` : `${zh.config_error_hint} ${en.config_error_hint}`}
      <pre>{error instanceof Error ? error.message : String(error)}</pre>
    </Alert>
  );
}

loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<ConfigError error={error} />),
);
