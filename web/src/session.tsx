import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { permissionMatrix, type Permission, type Role } from '../../src/modules/access/permission-matrix.ts';
import { api, onSessionEnded, rememberCsrfToken } from './api/client.ts';
import { dataOf, problemOf } from './api/problems.ts';
import type { components } from '../generated/openapi';

export interface SignedIn {
  user: components['schemas']['User'];
  org: components['schemas']['Org'];
  role: Role;
}

type SessionState = { status: 'checking' } | { status: 'signed-out' } | ({ status: 'signed-in' } & SignedIn);

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  /** Joins the org with an invitation's token (and, for a new account, a name and password), signed in at once. */
  acceptInvitation(token: string, name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

type SignedInAnswer = components['schemas']['TokenPair'] | components['schemas']['CookieSession'];

/** Cookie mode answers who signed in and the CSRF token; the tokens themselves stay in HttpOnly cookies. */
function startSession(answer: SignedInAnswer, setState: (state: SessionState) => void): void {
  if (answer.tokenType !== 'Cookie') throw new Error('The server did not start a cookie session');
  rememberCsrfToken(answer.csrfToken);
  setState({ status: 'signed-in', user: answer.user, org: answer.org, role: answer.role });
}

/** Who is signed in, from the session cookies; after a reload, a fresh CSRF token and GET /v1/me. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const queries = useQueryClient();

  useEffect(() => {
    onSessionEnded(() => {
      queries.clear();
      setState((now) => (now.status === 'signed-in' ? { status: 'signed-out' } : now));
    });
  }, [queries]);

  useEffect(() => {
    let current = true;
    (async () => {
      const csrf = await api.GET('/v1/auth/csrf');
      rememberCsrfToken(csrf.data?.csrfToken ?? null);
      const me = await api.GET('/v1/me');
      if (!current) return;
      setState(me.data ? { status: 'signed-in', user: me.data.user, org: me.data.org, role: me.data.role } : { status: 'signed-out' });
    })().catch(() => {
      if (current) setState({ status: 'signed-out' });
    });
    return () => {
      current = false;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    startSession(dataOf(await api.POST('/v1/auth/login', { params: { query: { delivery: 'cookie' } }, body: { email, password } })), setState);
  }, []);

  const acceptInvitation = useCallback(async (token: string, name: string, password: string) => {
    startSession(dataOf(await api.POST('/v1/invitations/accept', { params: { query: { delivery: 'cookie' } }, body: { token, name, password } })), setState);
  }, []);

  const signOut = useCallback(async () => {
    const result = await api.POST('/v1/auth/logout');
    // An expired session is signed out already; anything else is worth telling.
    if (!result.response.ok && result.response.status !== 401) throw problemOf(result.error, result.response);
    rememberCsrfToken(null);
    queries.clear();
    setState({ status: 'signed-out' });
  }, [queries]);

  const value = useMemo(() => ({ state, signIn, acceptInvitation, signOut }), [state, signIn, acceptInvitation, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person; screens behind <RequireSignIn> only. */
export function useSignedIn(): SignedIn {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn outside a signed-in screen');
  return state;
}

/**
 * Whether the role holds a permission, read from the server's own matrix so the console offers what
 * the API allows. Reach (whole org or assigned jobs) needs no check here: the API lists only the jobs
 * and candidates a person may see.
 */
export const can = (role: Role, permission: Permission): boolean => permissionMatrix[role][permission] !== undefined;

/** Whether the role holds a permission over the whole org: what org-wide settings, templates and merges need. */
export const canOrgWide = (role: Role, permission: Permission): boolean => permissionMatrix[role][permission] === 'all';
