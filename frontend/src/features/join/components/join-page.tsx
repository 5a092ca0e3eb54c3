import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorMessage } from '@/components/error-message';
import { NotFound } from '@/components/not-found';
import { PageLoader } from '@/components/page-loader';
import { isApiError } from '@/lib/api-client';
import { useUser } from '@/lib/auth';
import { usePublicRoom } from '../api/get-public-room';
import type { JoinTarget } from '../api/types';
import { JoinPanel } from './join-panel';

type Props = { kind: 'attendee' | 'moderator' };

/** The page behind an attendee link (/r/:slug) or a moderator link (/m/:key). */
export default function JoinPage({ kind }: Props) {
  const { t } = useTranslation();
  const params = useParams();
  const target: JoinTarget = kind === 'attendee' ? { slug: params.slug ?? '' } : { moderator_key: params.key ?? '' };
  const room = usePublicRoom(target);
  const user = useUser();

  if (room.isPending || user.isPending) return <PageLoader />;
  if (room.isError) {
    if (isApiError(room.error) && room.error.status === 404) {
      return <NotFound title={t('join.notFoundTitle')} message={t('join.notFoundMessage')} />;
    }
    return <ErrorMessage error={room.error} />;
  }

  return (
    <Paper withBorder p="lg" maw={480} mx="auto" mt="lg">
      <Stack>
        <Stack gap={4}>
          <Title order={1} size="h2">
            {room.data.name}
          </Title>
          <Text c="dimmed" size="sm">
            {t('join.hostedBy', { owner: room.data.owner_name })}
          </Text>
          <Group gap="xs">
            <Badge color={room.data.running ? 'green' : 'gray'} variant="light">
              {room.data.running ? t('rooms.running') : t('join.notStarted')}
            </Badge>
            {kind === 'moderator' && (
              <Badge color="grape" variant="light">
                {t('join.asModerator')}
              </Badge>
            )}
          </Group>
        </Stack>
        <JoinPanel target={target} defaultName={user.data?.name ?? ''} />
      </Stack>
    </Paper>
  );
}
