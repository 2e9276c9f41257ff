import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { messageOf, problemOf } from '../../api/problems.ts';

/**
 * Where the verification email's link lands. Confirming takes a press of the button rather than the
 * page load: mail scanners that open links would otherwise use the token up.
 */
export function VerifyEmail() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [state, setState] = useState<'ready' | 'busy' | 'done'>('ready');
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (!token) return;
    setState('busy');
    setError(null);
    try {
      const { error: problem, response } = await api.POST('/v1/auth/email-verification/confirm', { body: { token } });
      if (!response.ok) throw problemOf(problem, response);
      setState('done');
    } catch (err) {
      setError(messageOf(err));
      setState('ready');
    }
  };

  return (
    <main className="page sign-in">
      <h1>Confirm your email</h1>
      {!token && <p className="error" role="alert">This link has no token: open the link from the email again.</p>}
      {token && state === 'done' && <p role="status">Your email address is confirmed. <Link to="/jobs">Go to Hireline</Link>.</p>}
      {token && state !== 'done' && (
        <>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="button" onClick={() => void confirm()} disabled={state === 'busy'}>{state === 'busy' ? 'Confirming…' : 'Confirm my email address'}</button>
        </>
      )}
    </main>
  );
}
