import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateRoom } from '../api/create-room';
import { DEFAULT_ROOM_SETTINGS } from '../api/types';
import { RoomForm } from './room-form';

export function CreateRoomButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const createRoom = useCreateRoom();
  const navigate = useNavigate();

  const onClose = () => {
    createRoom.reset();
    close();
  };

  return (
    <>
      <Button onClick={open}>{t('rooms.create')}</Button>
      <Modal opened={opened} onClose={onClose} title={t('rooms.createTitle')} size="lg">
        <RoomForm
          initialValues={{ name: '', settings: DEFAULT_ROOM_SETTINGS }}
          submitLabel={t('rooms.create')}
          isPending={createRoom.isPending}
          error={createRoom.error}
          onCancel={onClose}
          onSubmit={async (values) => {
            const room = await createRoom.mutateAsync(values);
            notifications.show({ color: 'green', message: t('rooms.created', { name: room.name }) });
            close();
            navigate(`/rooms/${room.id}`);
          }}
        />
      </Modal>
    </>
  );
}
