import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useUpdateNode } from '../api/update-node';
import { DEFAULT_CHECKSUM_ALGORITHM, type ClusterNode } from '../api/types';
import { NodeForm } from './node-form';

type Props = { node: ClusterNode; opened: boolean; onClose: () => void };

export function EditNodeModal({ node, opened, onClose }: Props) {
  const { t } = useTranslation();
  const updateNode = useUpdateNode();
  const close = () => {
    updateNode.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('admin.editNodeTitle', { name: node.name })}>
      {opened && (
        <NodeForm
          mode="edit"
          initialValues={{
            name: node.name,
            api_url: node.api_url,
            secret: '',
            capacity: node.capacity,
            state: node.state,
            // A backend from before the field existed omits it; it then used the default.
            algorithm: node.algorithm ?? DEFAULT_CHECKSUM_ALGORITHM,
          }}
          isPending={updateNode.isPending}
          error={updateNode.error}
          onCancel={close}
          onSubmit={async (values) => {
            await updateNode.mutateAsync({ id: node.id, patch: values });
            notifications.show({ color: 'green', message: t('admin.nodeSaved', { name: values.name }) });
            close();
          }}
        />
      )}
    </Modal>
  );
}
