import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Room } from '../api/types';

/** Running/idle badge, participant count and node, as one line. */
export function RoomStatus({ room }: { room: Room }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Badge color={room.running ? 'green' : 'gray'} variant="light">
        {room.running ? t('rooms.running') : t('rooms.idle')}
      </Badge>
      <Text size="sm" c="dimmed">
        {t('rooms.participants', { count: room.participant_count })}
      </Text>
      {room.node && (
        <Text size="sm" c="dimmed">
          {t('rooms.onNode', { node: room.node.name })}
        </Text>
      )}
    </Group>
  );
}
