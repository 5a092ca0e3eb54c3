import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Room } from '../api/types';
import { DeleteRoomButton } from './delete-room-button';
import { RoomStatus } from './room-status';

export function RoomList({ rooms }: { rooms: Room[] }) {
  const { t } = useTranslation();
  if (rooms.length === 0) {
    return (
      <Paper withBorder p="xl" ta="center">
        <Text c="dimmed">{t('rooms.empty')}</Text>
      </Paper>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {rooms.map((room) => (
        <Paper component="li" withBorder p="md" key={room.id} data-testid="room-row" data-room-id={room.id}>
          <Group justify="space-between" align="center" gap="sm">
            <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Anchor component={Link} to={`/rooms/${room.id}`} fw={600} size="lg" truncate>
                {room.name}
              </Anchor>
              <RoomStatus room={room} />
            </Stack>
            <Group gap="xs">
              <Button component={Link} to={`/rooms/${room.id}`} variant="light">
                {t('rooms.open')}
              </Button>
              <DeleteRoomButton room={room} />
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
