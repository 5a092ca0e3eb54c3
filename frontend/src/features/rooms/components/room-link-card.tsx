import { Code, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '@/components/copy-button';
import { invitationText } from './invitation';

type Props = { kind: 'attendee' | 'moderator'; roomName: string; url: string };

/** One share link with its copy button and a ready-to-paste invitation. */
export function RoomLinkCard({ kind, roomName, url }: Props) {
  const { t } = useTranslation();
  const invitation = invitationText(t, kind, roomName, url);
  const headingId = `${kind}-link-heading`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {kind === 'attendee' ? t('room.attendeeLink') : t('room.moderatorLink')}
        </Title>
        <Text size="sm" c="dimmed">
          {kind === 'attendee' ? t('room.attendeeLinkHelp') : t('room.moderatorLinkHelp')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code data-testid={`${kind}-url`} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', padding: '8px' }}>
            {url}
          </Code>
          <CopyButton
            text={url}
            data-testid={`copy-${kind}`}
            aria-label={kind === 'attendee' ? t('room.copyAttendee') : t('room.copyModerator')}
          />
        </Group>
        <Textarea label={t('room.invitation')} value={invitation} readOnly autosize minRows={2} />
        <Group justify="flex-end">
          <CopyButton text={invitation} label={t('room.copyInvitation')} variant="subtle" size="xs" />
        </Group>
      </Stack>
    </Paper>
  );
}
