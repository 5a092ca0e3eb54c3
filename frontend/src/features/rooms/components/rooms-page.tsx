import { Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { PageLoader } from '@/components/page-loader';
import { useRooms } from '../api/get-rooms';
import { CreateRoomButton } from './create-room-button';
import { RoomList } from './room-list';

export default function RoomsPage() {
  const { t } = useTranslation();
  const rooms = useRooms();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('rooms.title')}
        </Title>
        <CreateRoomButton />
      </Group>
      {rooms.isPending ? <PageLoader /> : rooms.isError ? <ErrorMessage error={rooms.error} /> : <RoomList rooms={rooms.data} />}
    </Stack>
  );
}
