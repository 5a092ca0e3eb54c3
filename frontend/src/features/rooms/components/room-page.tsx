import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '@/components/error-message';
import { NotFound } from '@/components/not-found';
import { PageLoader } from '@/components/page-loader';
import { isApiError } from '@/lib/api-client';
import { useRoom } from '../api/get-room';
import { DeleteRoomButton } from './delete-room-button';
import { EditRoomButton } from './edit-room-button';
import { RoomLinkCard } from './room-link-card';
import { RoomStatus } from './room-status';
import { RotateLinksButton } from './rotate-links-button';
import { StartMeetingButton } from './start-meeting-button';

export default function RoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const room = useRoom(id);

  if (room.isPending) return <PageLoader />;
  if (room.isError) {
    if (isApiError(room.error) && room.error.status === 404) return <NotFound title={t('room.notFound')} />;
    return <ErrorMessage error={room.error} />;
  }

  const data = room.data;
  return (
    <Stack>
      <Anchor component={Link} to="/rooms" size="sm">
        ← {t('rooms.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {data.name}
          </Title>
          <RoomStatus room={data} />
        </Stack>
        <Group gap="xs">
          <StartMeetingButton room={data} />
          <EditRoomButton room={data} />
          <DeleteRoomButton room={data} onDeleted={() => navigate('/rooms', { replace: true })} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RoomLinkCard kind="attendee" roomName={data.name} url={data.attendee_url} />
        <RoomLinkCard kind="moderator" roomName={data.name} url={data.moderator_url} />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Group justify="space-between" gap="sm">
          <Text size="sm" style={{ flex: '1 1 280px' }}>
            {t('room.rotateHelp')}
          </Text>
          <RotateLinksButton room={data} />
        </Group>
      </Paper>
    </Stack>
  );
}
