import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { ApiKeysPanel } from './admin/api-keys-panel';
import { MembersPanel } from './admin/members-panel';
import { UsersPanel } from './admin/users-panel';

/** Users, roles and scopes (admin); members and networks; API keys. Each tab shows only what the API lets the user see. */
export function AdminScreen() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const tabs = [
    ...(hasRole('admin') ? [{ value: 'users', label: t('admin.users') }] : []),
    { value: 'members', label: t('admin.members') },
    ...(hasRole('admin', 'rssi', 'referent', 'auditor') ? [{ value: 'api-keys', label: t('admin.apiKeys') }] : []),
  ];
  const current = tabs.find((tab) => location.pathname === `/admin/${tab.value}`)?.value ?? tabs[0]!.value;
  return (
    <Stack>
      <Title order={2}>{t('admin.title')}</Title>
      <Tabs value={current} onChange={(v) => v && navigate(`/admin/${v}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <MembersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys" pt="md">
          <ApiKeysPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
