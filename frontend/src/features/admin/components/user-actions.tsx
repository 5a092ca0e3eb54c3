import { Button, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { useDeleteUser } from '../api/delete-user';
import { useUpdateUserRole } from '../api/update-user-role';
import type { AdminUser } from '../api/types';

/**
 * Promote / demote and delete, in one keyboard-friendly menu. Not rendered for the signed-in admin's
 * own row (the API refuses those with 409); any API error message is still shown.
 */
export function UserActions({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const updateRole = useUpdateUserRole();
  const deleteUser = useDeleteUser();
  const label = user.name || user.email;

  const showError = (title: string) => (error: unknown) =>
    notifications.show({ color: 'red', title, message: isApiError(error) ? error.message : t('errors.unexpected') });

  const toggleRole = () => {
    const role = user.role === 'admin' ? 'user' : 'admin';
    updateRole.mutate(
      { id: user.id, role },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: t(role === 'admin' ? 'admin.madeAdmin' : 'admin.adminRemoved', { name: label }) }),
        onError: showError(t('admin.roleChangeFailed')),
      },
    );
  };

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('admin.deleteUserTitle', { name: label }),
      children: <Text size="sm">{t('admin.deleteUserWarning', { email: user.email })}</Text>,
      labels: { confirm: t('admin.deleteUserConfirm'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        deleteUser.mutate(user.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('admin.userDeleted', { name: label }) }),
          onError: showError(t('admin.deleteUserFailed')),
        }),
    });

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" loading={updateRole.isPending || deleteUser.isPending} aria-label={t('admin.actionsFor', { name: label })}>
          {t('admin.actions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={toggleRole}>{t(user.role === 'admin' ? 'admin.removeAdmin' : 'admin.makeAdmin')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={confirmDelete}>
          {t('common.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
