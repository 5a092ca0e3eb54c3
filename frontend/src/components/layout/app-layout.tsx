import { Anchor, AppShell, Button, Container, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut, useUser } from '@/lib/auth';
import { LanguageSwitcher } from '../language-switcher';
import { PageLoader } from '../page-loader';

/** Header with brand, navigation, language and account controls; pages render below. */
export function AppLayout() {
  const { t } = useTranslation();
  const { data: user } = useUser();
  const signOut = useSignOut();
  const navigate = useNavigate();

  const onSignOut = () => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') });

  return (
    // On phones the navigation wraps onto a second header row instead of overflowing.
    <AppShell header={{ height: { base: user ? 92 : 56, sm: 56 } }} padding="md">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="wrap" gap="xs" py={4} align="center" style={{ rowGap: 4 }}>
            <Group gap="md" wrap="nowrap">
              <Anchor component={Link} to="/" fw={700} underline="never">
                Switchboard
              </Anchor>
              {user && (
                <nav aria-label={t('nav.main')}>
                  <Group gap="sm" wrap="nowrap">
                    <Anchor component={NavLink} to="/rooms" size="sm">
                      {t('nav.rooms')}
                    </Anchor>
                    {user.role === 'admin' && (
                      <Anchor component={NavLink} to="/admin/nodes" size="sm">
                        {t('nav.admin')}
                      </Anchor>
                    )}
                  </Group>
                </nav>
              )}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitcher />
              {user ? (
                <>
                  <Text size="sm" visibleFrom="sm" truncate maw={160}>
                    {user.name}
                  </Text>
                  <Button size="xs" variant="subtle" onClick={onSignOut} loading={signOut.isPending}>
                    {t('nav.signOut')}
                  </Button>
                </>
              ) : (
                <Button size="xs" variant="subtle" component={Link} to="/sign-in">
                  {t('nav.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
