import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { messageOf } from '../api/problems.ts';
import { can, canOrgWide, useSession, useSignedIn } from '../session.tsx';
import { Loading } from './States.tsx';
import { settingsPages } from '../screens/settings/Settings.tsx';

/** Screens behind it need a session; without one, the sign-in screen, which comes back here after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'checking') return <main className="page"><Loading what="your session" /></main>;
  if (state.status === 'signed-out') return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function Layout() {
  const { user, org, role } = useSignedIn();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);

  // Client-side navigation keeps focus where it was: move it to the new screen, as a page load would.
  useEffect(() => {
    main.current?.focus();
  }, [location.pathname]);

  const onSignOut = async () => {
    setError(null);
    try {
      await signOut();
      navigate('/sign-in', { replace: true });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <header className="topbar">
        <Link to="/jobs" className="brand">Hireline</Link>
        <nav aria-label="Console" className="main-nav">
          <Link to="/jobs">Jobs</Link>
          <Link to="/interviews">My interviews</Link>
          {/* Interviewers see their interviews and scorecards, not the org's figures. */}
          {role !== 'interviewer' && can(role, 'candidates:read') && <Link to="/reports">Reports</Link>}
          {canOrgWide(role, 'candidates:write') && <Link to="/candidates/duplicates">Duplicates</Link>}
          {settingsPages(role).length > 0 && <Link to="/settings">Settings</Link>}
        </nav>
        <span className="who">{user.name} · {org.name} · <span className="role">{role.replace('_', ' ')}</span></span>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      {error && <p role="alert" className="error">Could not sign out: {error}</p>}
      <main className="page" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
