import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NodeHealth, NodeState } from '../api/types';

const HEALTH_COLORS: Record<NodeHealth, string> = { online: 'green', offline: 'red', unknown: 'gray' };
const STATE_COLORS: Record<NodeState, string> = { enabled: 'blue', cordoned: 'orange', disabled: 'gray' };

// The badge text stays the raw value (e.g. "cordoned") so it matches the API and the tests.
export function HealthBadge({ health }: { health: NodeHealth }) {
  const { t } = useTranslation();
  return (
    <Badge color={HEALTH_COLORS[health]} variant="light" tt="none" style={{ flexShrink: 0 }} data-testid="node-health" data-value={health} title={t(`admin.health.${health}`)}>
      {health}
    </Badge>
  );
}

export function StateBadge({ state }: { state: NodeState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" style={{ flexShrink: 0 }} data-testid="node-state" data-value={state} title={t(`admin.state.${state}`)}>
      {state}
    </Badge>
  );
}
