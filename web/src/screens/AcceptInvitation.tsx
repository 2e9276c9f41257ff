import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../api/problems.ts';
import { useSession } from '../session.tsx';

/** Where an invitation's link lands (with APP_BASE_URL pointing at /app): choose a name and password, and you are in. */
export function AcceptInvitation() {
  const { acceptInvitation } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const token = params.get('token');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token) return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(token, String(form.get('name')), String(form.get('password')));
      navigate('/jobs', { replace: true });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <main className="page sign-in">
      <h1>Join your team on Hireline</h1>
      {!token ? <p className="error" role="alert">This link has no invitation token: open the link from your invitation again.</p> : (
        <form onSubmit={onSubmit}>
          <label htmlFor="name">Your name</label>
          <input id="name" name="name" autoComplete="name" required maxLength={200} />
          <label htmlFor="password">Choose a password</label>
          <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} aria-describedby="password-rule" />
          <p id="password-rule" className="hint">12 characters or more, not a common password. If you already have a Hireline account, its password.</p>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit" disabled={busy}>{busy ? 'Joining…' : 'Join'}</button>
        </form>
      )}
    </main>
  );
}
