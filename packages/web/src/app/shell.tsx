import { Anchor, AppShell, Burger, Button, Container, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { LanguageSwitcher } from './language-switcher.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { useSession } from './session.tsx';

interface NavItem {
  to: string;
  label: string;
}

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const { session, user, isAdmin, isHandler } = useSession();
  const items: NavItem[] = [{ to: '/', label: t('common.nav.home') }];
  if (!isHandler) {
    items.push({ to: '/file', label: t('common.nav.file') });
    items.push({ to: user ? '/my-cases' : '/track', label: user ? t('common.nav.myCases') : t('common.nav.track') });
  }
  if (isHandler) items.push({ to: '/inbox', label: t('common.nav.inbox') });
  if (user) items.push({ to: '/profile', label: t('common.nav.profile') });
  if (isAdmin) items.push({ to: '/admin', label: t('common.nav.admin') });
  // Halfway through a staff sign-in (second factor pending) is neither signed in nor out.
  if (!session) {
    items.push({ to: '/sign-in', label: t('common.nav.signIn') });
    items.push({ to: '/register', label: t('common.nav.register') });
  }
  return items;
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { session, signOut, isHandler } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useNavItems();
  const previousPath = useRef(location.pathname);

  // After each navigation: close the mobile menu and move focus to the new page's heading,
  // so keyboard and screen-reader users start reading where the new page begins.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    close();
    const frame = requestAnimationFrame(() => document.getElementById('page-title')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [location.pathname, close]);

  async function handleSignOut() {
    await signOut();
    navigate('/');
  }

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('common.nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('common.nav.closeMenu') : t('common.nav.openMenu')}
              />
              <Anchor
                component={Link}
                to="/"
                underline="never"
                className="brand"
                aria-label={t('common.brand.homeLink')}
              >
                <img src="/favicon.svg" alt="" width={32} height={32} />
                <span className="brand-name">ePeople</span>
              </Anchor>
              <Group gap={4} visibleFrom="sm" component="nav" aria-label={t('common.nav.main')}>
                {items.map((item) => (
                  <Button
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end={item.to === '/'}
                    variant="subtle"
                    color="dark"
                    className="header-link"
                  >
                    {item.label}
                  </Button>
                ))}
              </Group>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {isHandler ? <NotificationsBell /> : null}
              <LanguageSwitcher />
              {session ? (
                <Button variant="default" onClick={() => void handleSignOut()} visibleFrom="xs" data-testid="sign-out">
                  {t('common.nav.signOut')}
                </Button>
              ) : null}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>

      <AppShell.Navbar p="md" component="nav" aria-label={t('common.nav.main')}>
        <Stack gap={4}>
          {items.map((item) => (
            <NavLink key={item.to} component={RouterNavLink} to={item.to} end={item.to === '/'} label={item.label} />
          ))}
          {session ? (
            <NavLink component="button" label={t('common.nav.signOut')} onClick={() => void handleSignOut()} />
          ) : null}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main">
        <Container size="lg" py="md">
          <Outlet />
        </Container>
        <Container size="lg" component="footer" py="xl" className="site-footer">
          <Text size="sm" c="dimmed">
            {t('common.footer.about')}
          </Text>
          <Anchor component={Link} to="/verify" size="sm" mt="xs" display="inline-block" data-testid="footer-verify">
            {t('verify.link')}
          </Anchor>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
