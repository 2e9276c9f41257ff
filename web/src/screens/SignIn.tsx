import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { messageOf } from '../api/problems.ts';
import { useSession } from '../session.tsx';

const returnPath = (state: unknown): string => {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : null;
  return typeof from === 'string' && from.startsWith('/') && from !== '/sign-in' ? from : '/jobs';
};

export function SignIn() {
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [orgSlug, setOrgSlug] = useState('');

  if (state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
      navigate(returnPath(location.state), { replace: true });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  // The org's provider signs in through a browser redirect (its callback sets the cookies), not through fetch.
  const onSso = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    window.location.assign(`/v1/auth/oidc/${encodeURIComponent(orgSlug.trim())}/start`);
  };

  return (
    <main className="page sign-in">
      <h1>Sign in to Hireline</h1>
      <form onSubmit={onSubmit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error && <p id="sign-in-error" className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p><Link to="/reset-password">Forgot your password?</Link></p>
      </form>
      <form onSubmit={onSso} className="sso">
        <h2>Single sign-on</h2>
        <label htmlFor="org-slug">Organization (as in its careers address)</label>
        <input id="org-slug" value={orgSlug} onChange={(e) => setOrgSlug(e.target.value)} required
          // The org slug rule of the API; browsers compile pattern with the v flag, where a bare - in a class is an error.
          pattern="[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?" title="Lower-case letters, digits and hyphens, as in the careers address" />
        <button type="submit">Sign in with your organization</button>
      </form>
    </main>
  );
}
