import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, call, setSessionLostHandler, tokenStore } from '../api/client';
import type { Me, Role, Tokens } from '../api/responses';

interface Session {
  me: Me | null;
  /** True until the stored session has been checked. */
  loading: boolean;
  /** Why the user was signed out, if not by choice. */
  lost: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [lost, setLost] = useState(false);

  const loadMe = useCallback(async () => {
    setMe(await call<Me>(api.GET('/api/v1/auth/me')));
  }, []);

  useEffect(() => {
    setSessionLostHandler(() => {
      setMe(null);
      setLost(true);
    });
    if (!tokenStore.get()) {
      setLoading(false);
      return;
    }
    loadMe()
      .catch(() => tokenStore.set(null))
      .finally(() => setLoading(false));
  }, [loadMe]);

  const login = useCallback(
    async (username: string, password: string) => {
      const tokens = await call<Tokens>(api.POST('/api/v1/auth/login', { body: { username, password } }));
      tokenStore.set(tokens);
      setLost(false);
      await loadMe();
    },
    [loadMe],
  );

  const logout = useCallback(async () => {
    await call(api.POST('/api/v1/auth/logout')).catch((e: unknown) => {
      if (!(e instanceof ApiError)) throw e;
    });
    tokenStore.set(null);
    setMe(null);
  }, []);

  const value = useMemo<Session>(
    () => ({
      me,
      loading,
      lost,
      login,
      logout,
      hasRole: (...roles) => !!me && roles.some((r) => me.roles.includes(r)),
    }),
    [me, loading, lost, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
