import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Switches between the admin pages; each tab is a real route so it can be linked. */
export function AdminTabs({ active }: { active: 'nodes' | 'users' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs value={active} onChange={(value) => value && navigate(`/admin/${value}`)}>
      <Tabs.List>
        <Tabs.Tab value="nodes">{t('admin.nodes')}</Tabs.Tab>
        <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
