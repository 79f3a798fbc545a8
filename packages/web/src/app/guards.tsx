import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session.tsx';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-label={t('common.state.loading')} />
    </Center>
  );
}

/**
 * Pages for signed-in people. A staff member halfway through sign-in is sent to the second
 * factor first; a visitor to sign in, coming back here afterwards.
 */
export function RequireSignedIn({
  children,
  admin = false,
  handler = false,
}: {
  children: ReactNode;
  admin?: boolean;
  handler?: boolean;
}) {
  const { isLoading, session, user, isAdmin, isHandler } = useSession();
  const location = useLocation();
  if (isLoading) return <PageLoader />;
  if (session?.status === 'second_factor_pending') {
    const next = encodeURIComponent(location.pathname + location.search);
    const path = session.needsEnrolment ? '/second-factor/enrol' : '/second-factor/verify';
    return <Navigate to={`${path}?next=${next}`} replace />;
  }
  if (!user) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (admin && !isAdmin) return <Navigate to="/profile" replace />;
  if (handler && !isHandler) return <Navigate to="/profile" replace />;
  return children;
}

/** Only a relative path inside the app is followed after sign-in (no open redirects). */
export function safeNext(value: string | null, fallback: string): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : fallback;
}
