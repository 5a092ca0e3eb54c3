import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClusterNode } from '../api/types';
import { CapacityBar } from './capacity-bar';
import { NodeActions } from './node-actions';
import { HealthBadge, StateBadge } from './node-badges';

export function NodesTable({ nodes }: { nodes: ClusterNode[] }) {
  const { t, i18n } = useTranslation();
  if (nodes.length === 0) return <Text c="dimmed">{t('admin.noNodes')}</Text>;
  const formatTime = (value: string | null) => (value ? new Date(value).toLocaleTimeString(i18n.language) : '—');

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.nodeName')}</Table.Th>
            <Table.Th>{t('admin.healthLabel')}</Table.Th>
            <Table.Th>{t('admin.stateLabel')}</Table.Th>
            <Table.Th ta="right">{t('admin.meetings')}</Table.Th>
            <Table.Th ta="right">{t('admin.participants')}</Table.Th>
            <Table.Th>{t('admin.freeCapacity')}</Table.Th>
            <Table.Th>{t('admin.lastPolled')}</Table.Th>
            <Table.Th>{t('admin.lastError')}</Table.Th>
            <Table.Th>
              <span className="mantine-visually-hidden">{t('admin.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.map((node) => (
            <Table.Tr key={node.id} data-testid="node-row" data-node-name={node.name}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {node.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {node.api_url}
                </Text>
              </Table.Td>
              <Table.Td miw={100}>
                <HealthBadge health={node.health} />
              </Table.Td>
              <Table.Td miw={110}>
                <StateBadge state={node.state} />
              </Table.Td>
              <Table.Td ta="right">{node.meetings}</Table.Td>
              <Table.Td ta="right">{node.participants}</Table.Td>
              <Table.Td>
                <CapacityBar free={node.free_capacity} capacity={node.capacity} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatTime(node.last_polled_at)}</Text>
              </Table.Td>
              <Table.Td maw={220}>
                <Text size="xs" c={node.last_error ? 'red' : 'dimmed'} lineClamp={3} title={node.last_error || undefined}>
                  {node.last_error || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <NodeActions node={node} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
