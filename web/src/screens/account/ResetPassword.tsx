import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { messageOf, problemOf } from '../../api/problems.ts';

/**
 * /reset-password asks for the email to send a link to; the emailed link comes back here with
 * ?token= and asks for the new password (APP_BASE_URL points at /app by default).
 */
export function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <main className="page sign-in">
      <h1>Reset your password</h1>
      {token ? <ChooseNewPassword token={token} /> : <AskForLink />}
    </main>
  );
}

function useSubmit(send: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send(new FormData(event.currentTarget));
      setDone(true);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, done, onSubmit };
}

function AskForLink() {
  const { error, busy, done, onSubmit } = useSubmit(async (form) => {
    const { error: problem, response } = await api.POST('/v1/auth/password-reset', { body: { email: String(form.get('email')) } });
    if (!response.ok) throw problemOf(problem, response);
  });
  // The API answers the same whether or not the address has an account, so this says the same too.
  if (done) return <p role="status">If that address has a Hireline account, a link to reset its password is on its way. It works for one hour.</p>;
  return (
    <form onSubmit={onSubmit}>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Email me a link'}</button>
      <p><Link to="/sign-in">Back to sign-in</Link></p>
    </form>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const [ended, setEnded] = useState(0);
  const { error, busy, done, onSubmit } = useSubmit(async (form) => {
    const { data, error: problem, response } = await api.POST('/v1/auth/password-reset/confirm', { body: { token, newPassword: String(form.get('password')) } });
    if (!data) throw problemOf(problem, response);
    setEnded(data.endedSessions);
  });
  if (done) {
    return (
      <p role="status">
        Your password is changed{ended > 0 ? `, and you were signed out of ${ended} ${ended === 1 ? 'session' : 'sessions'}` : ''}.{' '}
        <Link to="/sign-in">Sign in</Link> with the new one.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit}>
      <label htmlFor="password">New password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} aria-describedby="password-rule" />
      <p id="password-rule" className="hint">12 characters or more, not a common password.</p>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Set the new password'}</button>
    </form>
  );
}
