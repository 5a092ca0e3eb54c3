import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useCreateNode } from '../api/create-node';
import { DEFAULT_CHECKSUM_ALGORITHM } from '../api/types';
import { NodeForm } from './node-form';

export function AddNodeButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const createNode = useCreateNode();
  const onClose = () => {
    createNode.reset();
    close();
  };
  return (
    <>
      <Button onClick={open}>{t('admin.addNode')}</Button>
      <Modal opened={opened} onClose={onClose} title={t('admin.addNodeTitle')}>
        <NodeForm
          mode="create"
          initialValues={{ name: '', api_url: '', secret: '', capacity: 100, state: 'enabled', algorithm: DEFAULT_CHECKSUM_ALGORITHM }}
          isPending={createNode.isPending}
          error={createNode.error}
          onCancel={onClose}
          onSubmit={async (values) => {
            const node = await createNode.mutateAsync(values);
            notifications.show({ color: 'green', message: t('admin.nodeAdded', { name: node.name }) });
            close();
          }}
        />
      </Modal>
    </>
  );
}
