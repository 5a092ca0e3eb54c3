import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useUser, type Role } from '@/lib/auth';
import { PageLoader } from './page-loader';

/** Renders children for a signed-in user (optionally an admin); otherwise sends them to sign in. */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role }) {
  const { data: user, isPending } = useUser();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (role && user.role !== role) return <Navigate to="/rooms" replace />;
  return <>{children}</>;
}
