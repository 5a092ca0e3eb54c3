import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { PageLoader } from '@/components/page-loader';
import { useNodes } from '../api/get-nodes';
import { AddNodeButton } from './add-node-button';
import { AdminTabs } from './admin-tabs';
import { NodesTable } from './nodes-table';

export default function NodesPage() {
  const { t } = useTranslation();
  const nodes = useNodes();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <AdminTabs active="nodes" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('admin.nodesHelp')}
        </Text>
        <AddNodeButton />
      </Group>
      {/* Keep showing the last table when a background refresh fails; the alert says why. */}
      {nodes.isError && <ErrorMessage error={nodes.error} />}
      {nodes.isPending ? <PageLoader /> : nodes.data && <NodesTable nodes={nodes.data} />}
    </Stack>
  );
}
