/**
 * The sign-in page: react-admin's `<Login>` frame (it sends a signed-in visitor straight on) around a user name and
 * password form that signs in through `useLogin` → authProvider.login → Cognito InitiateAuth. What Cognito asks next is
 * answered here with RespondToAuthChallenge: a person signing in with the temporary password an administrator gave them
 * chooses their own (NEW_PASSWORD_REQUIRED); a person with an authenticator app types its code (SOFTWARE_TOKEN_MFA);
 * where the pool requires MFA, a person without one adds KAMflow to an authenticator app from a QR code or the key and
 * confirms it with a code (MFA_SETUP). The language switcher is here too, and on the local stack a collapsible list of
 * the demo accounts.
 */
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import LockIcon from '@mui/icons-material/Lock';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type FormEvent } from 'react';
import { renderSVG } from 'uqr';
import { LocalesMenuButton, Login, useLogin, useTranslate } from 'react-admin';
import { DocumentLanguage } from '../layout/DocumentLanguage.tsx';
import { demoAccounts, demoPassword } from './demoAccounts.ts';
import { MfaCodeChallenge, MfaSetupChallenge, NewPasswordChallenge } from './authProvider.ts';
import { authenticatorUri, groupedKey, typedCode } from './authenticatorKey.ts';
import { newPasswordProblem } from './newPassword.ts';

function DemoAccounts({ onPick }: { onPick: (username: string) => void }) {
  const translate = useTranslate();
  return (
    <Accordion disableGutters elevation={0} sx={{ border: 1, borderColor: 'divider', '&::before': { display: 'none' } }} data-testid="demo-accounts">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">{translate('kamflow.auth.demo_accounts')}</Typography>
      </AccordionSummary>
      <AccordionDetails sx={{ pt: 0 }}>
        <Typography variant="caption" color="text.secondary" component="p">
          {translate('kamflow.auth.demo_password', { password: demoPassword })}
        </Typography>
        <List dense disablePadding sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 1 }}>
          {demoAccounts.map((account) => (
            <ListItemButton key={account.username} onClick={() => onPick(account.username)} sx={{ px: 1, py: 0.25, borderRadius: 1 }}>
              <ListItemText
                primary={account.username}
                secondary={[translate(`kamflow.role.${account.role}`), account.note ? translate(`kamflow.auth.demo_note.${account.note}`) : '']
                  .filter(Boolean)
                  .join(' · ')}
                slotProps={{ primary: { sx: { fontFamily: 'monospace' } }, secondary: { sx: { fontSize: '0.75rem' } } }}
              />
            </ListItemButton>
          ))}
        </List>
      </AccordionDetails>
    </Accordion>
  );
}

/** The second step after a temporary password: the person's own password, twice; the pool's policy is checked first. */
function NewPasswordForm({ challenge, onRestart, onNext }: { challenge: NewPasswordChallenge; onRestart: (message: string) => void; onNext: (challenge: SignInChallenge) => void }) {
  const translate = useTranslate();
  const login = useLogin();
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const problem = newPasswordProblem(newPassword, repeated);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (problem) {
      setError(problem);
      return;
    }
    setPending(true);
    setError(undefined);
    login({ username: challenge.username, newPassword, challengeSession: challenge.challengeSession }).then(
      () => setPending(false),
      (failure: unknown) => {
        setPending(false);
        // A pool that requires MFA asks for an authenticator once the password is set.
        if (isChallenge(failure)) return onNext(failure);
        const message = failure instanceof Error && failure.message ? failure.message : 'kamflow.auth.sign_in_failed';
        if (message === 'kamflow.auth.challenge_expired') onRestart(message);
        else setError(message);
      },
    );
  };

  return (
    <CardContent sx={{ width: { xs: 300, sm: 420 }, pt: 0 }}>
      <Box component="form" onSubmit={submit} noValidate aria-label={translate('kamflow.auth.new_password_title')} data-testid="new-password-form">
        <Stack spacing={2}>
          <Alert severity="info">{translate('kamflow.auth.new_password_required', { username: challenge.username })}</Alert>
          <TextField
            name="newPassword"
            type="password"
            label={translate('kamflow.auth.new_password')}
            autoComplete="new-password"
            autoFocus
            required
            fullWidth
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            helperText={translate('kamflow.auth.password_rules')}
          />
          <TextField
            name="repeatNewPassword"
            type="password"
            label={translate('kamflow.auth.repeat_new_password')}
            autoComplete="new-password"
            required
            fullWidth
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
          />
          {error ? (
            <Alert severity="error" role="alert" data-testid="new-password-error">
              {translate(error, { _: translate('kamflow.auth.sign_in_failed') })}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" fullWidth disabled={pending || !newPassword || !repeated}>
            {pending ? <CircularProgress size={22} thickness={3} color="inherit" /> : translate('kamflow.auth.set_new_password')}
          </Button>
          <Button variant="text" onClick={() => onRestart('')}>
            {translate('kamflow.auth.back_to_sign_in')}
          </Button>
        </Stack>
      </Box>
    </CardContent>
  );
}

/** What Cognito asked for after the password; the page shows the form that answers it. */
type SignInChallenge = NewPasswordChallenge | MfaCodeChallenge | MfaSetupChallenge;

function isChallenge(value: unknown): value is SignInChallenge {
  return value instanceof NewPasswordChallenge || value instanceof MfaCodeChallenge || value instanceof MfaSetupChallenge;
}

/** The 6-digit code field both MFA forms use: digits only, and what phones offer to fill in from an SMS or an app. */
function CodeField({ value, onChange, autoFocus }: { value: string; onChange: (code: string) => void; autoFocus: boolean }) {
  const translate = useTranslate();
  return (
    <TextField
      name="mfaCode"
      label={translate('kamflow.auth.mfa_code')}
      autoComplete="one-time-code"
      autoFocus={autoFocus}
      required
      fullWidth
      value={value}
      onChange={(event) => onChange(typedCode(event.target.value).replace(/\D/g, '').slice(0, 6))}
      slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]{6}', maxLength: 6, style: { fontFamily: 'monospace', letterSpacing: '0.3em', fontSize: '1.25rem' } } }}
    />
  );
}

/**
 * Answers one MFA challenge with a code: submits through `login`, shows a wrong code, goes back to the password when the
 * challenge session is over, and hands a further challenge to the page.
 */
function useCodeAnswer(answer: (code: string) => Record<string, string>, onRestart: (message: string) => void, onNext: (challenge: SignInChallenge) => void) {
  const login = useLogin();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || code.length !== 6) return;
    setPending(true);
    setError(undefined);
    login(answer(code)).then(
      () => setPending(false),
      (failure: unknown) => {
        setPending(false);
        setCode('');
        if (isChallenge(failure)) return onNext(failure);
        const message = failure instanceof Error && failure.message ? failure.message : 'kamflow.auth.sign_in_failed';
        if (message === 'kamflow.auth.mfa_expired') onRestart(message);
        else setError(message);
      },
    );
  };
  return { code, setCode, error, pending, submit };
}

/** SOFTWARE_TOKEN_MFA: the code the person's authenticator app shows now. */
/** What both MFA forms end with: the error of the last answer, the submit button and the way back to the sign-in. */
function CodeFormActions({ error, pending, complete, submitLabel, onRestart }: { error: string | undefined; pending: boolean; complete: boolean; submitLabel: string; onRestart: (message: string) => void }) {
  const translate = useTranslate();
  return (
    <>
      {error ? (
        <Alert severity="error" role="alert" data-testid="mfa-error">
          {translate(error, { _: translate('kamflow.auth.sign_in_failed') })}
        </Alert>
      ) : null}
      <Button type="submit" variant="contained" fullWidth disabled={pending || !complete}>
        {pending ? <CircularProgress size={22} thickness={3} color="inherit" /> : translate(submitLabel)}
      </Button>
      <Button variant="text" onClick={() => onRestart('')}>
        {translate('kamflow.auth.back_to_sign_in')}
      </Button>
    </>
  );
}

function MfaCodeForm({ challenge, onRestart, onNext }: { challenge: MfaCodeChallenge; onRestart: (message: string) => void; onNext: (challenge: SignInChallenge) => void }) {
  const translate = useTranslate();
  const { code, setCode, error, pending, submit } = useCodeAnswer((typed) => ({ username: challenge.username, mfaCode: typed, challengeSession: challenge.challengeSession }), onRestart, onNext);
  return (
    <CardContent sx={{ width: { xs: 300, sm: 420 }, pt: 0 }}>
      <Box component="form" onSubmit={submit} noValidate aria-label={translate('kamflow.auth.mfa_code_title')} data-testid="mfa-code-form">
        <Stack spacing={2}>
          <Alert severity="info">{translate('kamflow.auth.mfa_code_prompt', { username: challenge.username })}</Alert>
          <CodeField value={code} onChange={setCode} autoFocus />
          <CodeFormActions error={error} pending={pending} complete={code.length === 6} submitLabel="kamflow.auth.mfa_verify" onRestart={onRestart} />
        </Stack>
      </Box>
    </CardContent>
  );
}

/** MFA_SETUP: the new authenticator's key as a QR code, a link and typed text; then a code it shows confirms it. */
function MfaSetupForm({ challenge, onRestart, onNext }: { challenge: MfaSetupChallenge; onRestart: (message: string) => void; onNext: (challenge: SignInChallenge) => void }) {
  const translate = useTranslate();
  const { code, setCode, error, pending, submit } = useCodeAnswer((typed) => ({ username: challenge.username, mfaSetupCode: typed, challengeSession: challenge.challengeSession }), onRestart, onNext);
  const uri = authenticatorUri(challenge.username, challenge.secretCode);
  // An <img> of an SVG data URI: the markup is the library's, so it is shown as a picture, never put into the page.
  const qrCode = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(uri, { border: 2 }))}`, [uri]);
  return (
    <CardContent sx={{ width: { xs: 300, sm: 420 }, pt: 0 }}>
      <Box component="form" onSubmit={submit} noValidate aria-label={translate('kamflow.auth.mfa_setup_title')} data-testid="mfa-setup-form">
        <Stack spacing={2}>
          <Alert severity="info">{translate('kamflow.auth.mfa_setup_intro', { username: challenge.username })}</Alert>
          <Box sx={{ display: 'flex', justifyContent: 'center' }}>
            <Box component="img" src={qrCode} alt={translate('kamflow.auth.mfa_setup_qr')} data-testid="mfa-qr" sx={{ width: 184, height: 184, imageRendering: 'pixelated' }} />
          </Box>
          <Box>
            <Typography variant="caption" color="text.secondary" component="p">
              {translate('kamflow.auth.mfa_setup_key')}
            </Typography>
            <Typography data-testid="mfa-secret" sx={{ fontFamily: 'monospace', fontSize: '0.95rem', wordBreak: 'break-all', userSelect: 'all' }}>
              {groupedKey(challenge.secretCode)}
            </Typography>
            <Typography variant="caption" component="p" sx={{ mt: 0.5 }}>
              <a href={uri} data-testid="mfa-uri">
                {translate('kamflow.auth.mfa_setup_open_app')}
              </a>
            </Typography>
          </Box>
          <CodeField value={code} onChange={setCode} autoFocus={false} />
          <CodeFormActions error={error} pending={pending} complete={code.length === 6} submitLabel="kamflow.auth.mfa_setup_confirm" onRestart={onRestart} />
        </Stack>
      </Box>
    </CardContent>
  );
}

function SignInForm({ showDemoAccounts }: { showDemoAccounts: boolean }) {
  const translate = useTranslate();
  const login = useLogin();
  const [challenge, setChallenge] = useState<SignInChallenge | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || !username.trim() || !password) return;
    setPending(true);
    setError(undefined);
    login({ username: username.trim(), password }).then(
      () => setPending(false),
      (failure: unknown) => {
        setPending(false);
        if (isChallenge(failure)) {
          setPassword('');
          setChallenge(failure);
          return;
        }
        setError(failure instanceof Error && failure.message ? failure.message : 'kamflow.auth.sign_in_failed');
      },
    );
  };

  const restart = (message: string) => {
    setChallenge(undefined);
    setError(message || undefined);
  };
  if (challenge instanceof NewPasswordChallenge) return <NewPasswordForm key={challenge.challengeSession} challenge={challenge} onRestart={restart} onNext={setChallenge} />;
  if (challenge instanceof MfaCodeChallenge) return <MfaCodeForm key={challenge.challengeSession} challenge={challenge} onRestart={restart} onNext={setChallenge} />;
  if (challenge instanceof MfaSetupChallenge) return <MfaSetupForm key={challenge.challengeSession} challenge={challenge} onRestart={restart} onNext={setChallenge} />;

  return (
    <CardContent sx={{ width: { xs: 300, sm: 420 }, pt: 0 }}>
      <Box component="form" onSubmit={submit} noValidate aria-label={translate('kamflow.auth.sign_in_title')}>
        <Stack spacing={2}>
          <TextField
            name="username"
            label={translate('ra.auth.username')}
            autoComplete="username"
            autoFocus
            required
            fullWidth
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <TextField
            name="password"
            type="password"
            label={translate('ra.auth.password')}
            autoComplete="current-password"
            required
            fullWidth
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {error ? (
            <Alert severity="error" role="alert" data-testid="sign-in-error">
              {translate(error, { _: translate('kamflow.auth.sign_in_failed') })}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" fullWidth disabled={pending || !username.trim() || !password}>
            {pending ? <CircularProgress size={22} thickness={3} color="inherit" /> : translate('ra.auth.sign_in')}
          </Button>
          {showDemoAccounts ? (
            <DemoAccounts
              onPick={(picked) => {
                setUsername(picked);
                setPassword(demoPassword);
                setError(undefined);
              }}
            />
          ) : null}
        </Stack>
      </Box>
    </CardContent>
  );
}

function SignInHeading() {
  const translate = useTranslate();
  return (
    <Stack sx={{ px: 2, pb: 2, alignItems: 'center', textAlign: 'center' }} spacing={0.5}>
      <Typography variant="h6" component="h1">
        {translate('kamflow.auth.sign_in_title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('kamflow.auth.sign_in_subtitle')}
      </Typography>
    </Stack>
  );
}

export function LoginPage({ showDemoAccounts }: { showDemoAccounts: boolean }) {
  return (
    <Login avatarIcon={<LockIcon />} sx={{ backgroundImage: 'linear-gradient(160deg, #0a3d73 0%, #0b5cab 55%, #e8f0f8 100%)', '& .RaLogin-card': { position: 'relative' }, '& .RaLogin-icon': { bgcolor: 'primary.main' } }}>
      <DocumentLanguage />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', position: 'absolute', top: 8, right: 8 }} data-testid="login-locale">
        <LocalesMenuButton />
      </Box>
      <SignInHeading />
      <SignInForm showDemoAccounts={showDemoAccounts} />
    </Login>
  );
}
