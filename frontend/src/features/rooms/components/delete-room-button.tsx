import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { useDeleteRoom } from '../api/delete-room';
import type { Room } from '../api/types';

type Props = { room: Room; onDeleted?: () => void };

export function DeleteRoomButton({ room, onDeleted }: Props) {
  const { t } = useTranslation();
  const deleteRoom = useDeleteRoom();

  const confirm = () =>
    modals.openConfirmModal({
      title: t('rooms.deleteTitle', { name: room.name }),
      children: <Text size="sm">{t('rooms.deleteWarning')}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        deleteRoom.mutate(room.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('rooms.deleted', { name: room.name }) });
            onDeleted?.();
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: t('rooms.deleteFailed'), message: isApiError(error) ? error.message : t('errors.unexpected') }),
        }),
    });

  return (
    <Button variant="light" color="red" onClick={confirm} loading={deleteRoom.isPending} aria-label={t('rooms.deleteNamed', { name: room.name })}>
      {t('common.delete')}
    </Button>
  );
}
