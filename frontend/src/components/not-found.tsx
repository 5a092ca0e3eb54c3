import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Props = { title?: string; message?: string };

export function NotFound({ title, message }: Props) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" py="xl" ta="center" data-testid="not-found">
      <Title order={1}>{title ?? t('notFound.title')}</Title>
      <Text c="dimmed" maw={480}>
        {message ?? t('notFound.message')}
      </Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
