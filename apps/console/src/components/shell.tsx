import { Anchor, AppShell, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { LanguageSelect } from './language-select';

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout, hasRole } = useSession();
  const location = useLocation();
  const links = [
    { to: '/dashboard', label: t('nav.dashboard') },
    { to: '/alerts', label: t('nav.alerts') },
    { to: '/events', label: t('nav.events') },
    { to: '/incidents', label: t('nav.incidents') },
    { to: '/register', label: t('nav.register') },
    { to: '/map', label: t('nav.map') },
    { to: '/evidence', label: t('nav.evidence') },
    ...(hasRole('admin', 'rssi', 'dpo', 'referent', 'auditor') ? [{ to: '/admin', label: t('nav.admin') }] : []),
  ];
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Anchor href="#main" className="skip-link">
          {t('app.skipToContent')}
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={1} size="h3">
            {t('app.name')}
          </Title>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm">{t('nav.signedInAs', { name: me?.username })}</Text>
              <Text size="xs" c="dimmed">
                {t('nav.roles', { roles: me?.roles.map((r) => t(`roles.${r}`)).join(', ') })}
              </Text>
            </Stack>
            <LanguageSelect />
            <Button variant="outline" size="xs" onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {links.map((l) => (
          <NavLink
            key={l.to}
            component={RouterLink}
            to={l.to}
            label={l.label}
            active={location.pathname.startsWith(l.to)}
            aria-current={location.pathname.startsWith(l.to) ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
