import { Button, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { useDeleteNode } from '../api/delete-node';
import { useUpdateNode } from '../api/update-node';
import type { ClusterNode, NodeState } from '../api/types';
import { EditNodeModal } from './edit-node-modal';

const STATE_ACTIONS: { state: NodeState; labelKey: string }[] = [
  { state: 'enabled', labelKey: 'admin.enable' },
  { state: 'cordoned', labelKey: 'admin.cordon' },
  { state: 'disabled', labelKey: 'admin.disable' },
];

/** Edit, change state (enable / cordon / disable) and delete, in one keyboard-friendly menu. */
export function NodeActions({ node }: { node: ClusterNode }) {
  const { t } = useTranslation();
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const updateNode = useUpdateNode();
  const deleteNode = useDeleteNode();

  const showError = (title: string) => (error: unknown) =>
    notifications.show({ color: 'red', title, message: isApiError(error) ? error.message : t('errors.unexpected') });

  const setState = (state: NodeState) =>
    updateNode.mutate(
      { id: node.id, patch: { state } },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('admin.stateChanged', { name: node.name, state }) }),
        onError: showError(t('admin.updateFailed')),
      },
    );

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('admin.deleteNodeTitle', { name: node.name }),
      children: <Text size="sm">{t('admin.deleteNodeWarning')}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        deleteNode.mutate(node.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('admin.nodeDeleted', { name: node.name }) }),
          onError: showError(t('admin.deleteFailed')),
        }),
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" loading={updateNode.isPending || deleteNode.isPending} aria-label={t('admin.actionsFor', { name: node.name })}>
            {t('admin.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={openEdit}>{t('common.edit')}</Menu.Item>
          <Menu.Divider />
          {STATE_ACTIONS.filter((action) => action.state !== node.state).map((action) => (
            <Menu.Item key={action.state} onClick={() => setState(action.state)}>
              {t(action.labelKey)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item color="red" onClick={confirmDelete}>
            {t('common.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <EditNodeModal node={node} opened={editing} onClose={closeEdit} />
    </>
  );
}
