import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { free: number; capacity: number };

/** Share of capacity still free; turns orange then red as the node fills up. */
export function CapacityBar({ free, capacity }: Props) {
  const { t } = useTranslation();
  const percent = capacity > 0 ? Math.max(0, Math.min(100, (free / capacity) * 100)) : 0;
  const color = percent > 40 ? 'teal' : percent > 15 ? 'orange' : 'red';
  const label = t('admin.freeOf', { free, capacity });
  return (
    <Stack gap={2} miw={110}>
      <Progress value={percent} color={color} aria-label={label} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
