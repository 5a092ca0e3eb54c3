import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { PageLoader } from '@/components/page-loader';
import { useUser } from '@/lib/auth';
import { useUsers } from '../api/get-users';
import { AdminTabs } from './admin-tabs';
import { UserActions } from './user-actions';

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const { data: me } = useUser();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <AdminTabs active="users" />
      {/* Keep showing the last table when a refresh fails; the alert says why. */}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.isPending ? (
        <PageLoader />
      ) : !users.data ? null : users.data.length === 0 ? (
        <Text c="dimmed">{t('admin.noUsers')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.name')}</Table.Th>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('admin.role')}</Table.Th>
                <Table.Th>{t('admin.createdAt')}</Table.Th>
                <Table.Th>
                  <span className="mantine-visually-hidden">{t('admin.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => {
                const isMe = user.id === me?.id;
                return (
                  <Table.Tr key={user.id} data-testid="user-row" data-user-email={user.email}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <span>{user.name}</span>
                        {isMe && (
                          <Text size="xs" c="dimmed">
                            {t('admin.you')}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={user.role === 'admin' ? 'grape' : 'gray'}>
                        {user.role}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{user.created_at ? new Date(user.created_at).toLocaleDateString(i18n.language) : '—'}</Table.Td>
                    {/* The API refuses to demote or delete yourself, so your own row offers neither. */}
                    <Table.Td>{me && !isMe && <UserActions user={user} />}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
