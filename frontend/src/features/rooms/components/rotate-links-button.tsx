import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { useRotateLinks } from '../api/rotate-links';
import type { Room } from '../api/types';

export function RotateLinksButton({ room }: { room: Room }) {
  const { t } = useTranslation();
  const rotate = useRotateLinks();

  const confirm = () =>
    modals.openConfirmModal({
      title: t('room.rotateTitle'),
      children: <Text size="sm">{t('room.rotateWarning')}</Text>,
      labels: { confirm: t('room.rotateConfirm'), cancel: t('common.cancel') },
      confirmProps: { color: 'orange' },
      onConfirm: () =>
        rotate.mutate(room.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('room.rotated') }),
          onError: (error) =>
            notifications.show({ color: 'red', title: t('room.rotateFailed'), message: isApiError(error) ? error.message : t('errors.unexpected') }),
        }),
    });

  return (
    <Button variant="light" color="orange" onClick={confirm} loading={rotate.isPending}>
      {t('room.rotate')}
    </Button>
  );
}
