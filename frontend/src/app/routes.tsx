import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from '@/components/layout/app-layout';
import { NotFound } from '@/components/not-found';
import { PageLoader } from '@/components/page-loader';
import { RequireAuth } from '@/components/require-auth';
import { useUser } from '@/lib/auth';

// Every feature is its own chunk, so a guest opening /r/:slug downloads only the join page.
const JoinPage = lazy(() => import('@/features/join/components/join-page'));
const SignInPage = lazy(() => import('@/features/auth/components/sign-in-page'));
const SignUpPage = lazy(() => import('@/features/auth/components/sign-up-page'));
const RoomsPage = lazy(() => import('@/features/rooms/components/rooms-page'));
const RoomPage = lazy(() => import('@/features/rooms/components/room-page'));
const NodesPage = lazy(() => import('@/features/admin/components/nodes-page'));
const UsersPage = lazy(() => import('@/features/admin/components/users-page'));

function Home() {
  const { data: user, isPending } = useUser();
  if (isPending) return <PageLoader />;
  return <Navigate to={user ? '/rooms' : '/sign-in'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Home />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-up" element={<SignUpPage />} />
        <Route path="r/:slug" element={<JoinPage kind="attendee" />} />
        <Route path="m/:key" element={<JoinPage kind="moderator" />} />
        <Route path="rooms" element={<RequireAuth><RoomsPage /></RequireAuth>} />
        <Route path="rooms/:id" element={<RequireAuth><RoomPage /></RequireAuth>} />
        <Route path="admin" element={<Navigate to="/admin/nodes" replace />} />
        <Route path="admin/nodes" element={<RequireAuth role="admin"><NodesPage /></RequireAuth>} />
        <Route path="admin/users" element={<RequireAuth role="admin"><UsersPage /></RequireAuth>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
