import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useUpdateRoom } from '../api/update-room';
import type { Room } from '../api/types';
import { RoomForm } from './room-form';

export function EditRoomButton({ room }: { room: Room }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const updateRoom = useUpdateRoom();

  const onClose = () => {
    updateRoom.reset();
    close();
  };

  return (
    <>
      <Button variant="default" onClick={open} aria-label={t('rooms.editNamed', { name: room.name })}>
        {t('rooms.edit')}
      </Button>
      <Modal opened={opened} onClose={onClose} title={t('rooms.editTitle')} size="lg">
        <RoomForm
          initialValues={{ name: room.name, settings: room.settings }}
          submitLabel={t('common.save')}
          isPending={updateRoom.isPending}
          error={updateRoom.error}
          onCancel={onClose}
          onSubmit={async (values) => {
            await updateRoom.mutateAsync({ id: room.id, patch: values });
            notifications.show({ color: 'green', message: t('rooms.saved') });
            close();
          }}
        />
      </Modal>
    </>
  );
}
