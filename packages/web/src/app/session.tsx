import type { CurrentUser, SessionResponse, StaffRole } from '@epeople/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { api, setCsrfToken } from '../api/client.ts';

/** Roles that open the administration pages (the server still checks every action). */
export const ADMIN_ROLES: ReadonlySet<StaffRole> = new Set(['agency_admin', 'central_office', 'system_admin']);
/** Roles that handle cases and open the inbox. */
export const HANDLER_ROLES: ReadonlySet<StaffRole> = new Set(['officer', 'supervisor', 'central_office']);

interface SessionContextValue {
  isLoading: boolean;
  session: SessionResponse | null;
  /** Signed in with every factor done. */
  user: CurrentUser | null;
  isAdmin: boolean;
  /** Holds a role that handles cases (the inbox). */
  isHandler: boolean;
  acceptSession: (session: SessionResponse | null) => void;
  updateUser: (user: CurrentUser) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [isLoading, setIsLoading] = useState(true);
  const [session, setSession] = useState<SessionResponse | null>(null);

  const acceptSession = useCallback((next: SessionResponse | null) => {
    setCsrfToken(next?.csrfToken);
    setSession(next);
    setIsLoading(false);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.get<SessionResponse>('/auth/session', undefined, controller.signal).then(acceptSession, (error: unknown) => {
      if (controller.signal.aborted) return;
      // 401 is the normal answer for a visitor; anything else also leaves them signed out.
      if (!isApiError(error) || error.status !== 401) console.warn('session check failed', error);
      acceptSession(null);
    });
    return () => controller.abort();
  }, [acceptSession]);

  const updateUser = useCallback((user: CurrentUser) => {
    setSession((previous) => (previous ? { ...previous, user } : previous));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      acceptSession(null);
    }
  }, [acceptSession]);

  const value = useMemo<SessionContextValue>(() => {
    const user = session?.status === 'signed_in' ? session.user : null;
    return {
      isLoading,
      session,
      user,
      isAdmin: Boolean(user?.roles.some((assignment) => ADMIN_ROLES.has(assignment.role))),
      isHandler: Boolean(user?.roles.some((assignment) => HANDLER_ROLES.has(assignment.role))),
      acceptSession,
      updateUser,
      signOut,
    };
  }, [isLoading, session, acceptSession, updateUser, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
