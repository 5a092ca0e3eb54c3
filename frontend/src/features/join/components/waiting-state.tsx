import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { message?: string; onCancel: () => void };

export function WaitingState({ message, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="waiting" role="status" aria-live="polite">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Loader size="sm" />
          <Text fw={600}>{t('join.waitingTitle')}</Text>
        </Group>
        {message && <Text size="sm">{message}</Text>}
        <Text size="sm" c="dimmed">
          {t('join.waitingHint')}
        </Text>
        <Group>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
