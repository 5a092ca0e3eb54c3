import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { callOf, stubFetch } from '@/testing/fetch';
import { renderWithProviders } from '@/testing/render';
import type { ClusterNode } from '../api/types';
import { AddNodeButton } from './add-node-button';
import { EditNodeModal } from './edit-node-modal';

const node: ClusterNode = {
  id: 'n-1',
  name: 'bbb1',
  api_url: 'https://bbb1.example.org/bigbluebutton/api',
  capacity: 100,
  state: 'enabled',
  algorithm: 'sha512',
  health: 'online',
  meetings: 0,
  participants: 0,
  free_capacity: 100,
  last_polled_at: null,
  last_error: '',
};

describe('Node form', () => {
  it('adds a node with the chosen checksum algorithm (SHA-256 unless changed)', async () => {
    const fetchMock = stubFetch({ status: 201, body: { ...node, algorithm: 'sha1' } });
    renderWithProviders(<AddNodeButton />);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Add node' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^name/i), 'bbb1');
    await user.type(within(dialog).getByLabelText(/^api url/i), 'https://bbb1.example.org/bigbluebutton/api');
    await user.type(within(dialog).getByLabelText(/^shared secret/i), 's3cret');

    const checksum = within(dialog).getByRole('combobox', { name: 'API checksum' });
    expect(checksum).toHaveValue('SHA-256 (default)');
    await user.click(checksum);
    await user.click(await screen.findByRole('option', { name: 'SHA-1 (older BigBlueButton)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add node' }));

    expect(await screen.findByText('Node “bbb1” added')).toBeInTheDocument();
    expect(callOf(fetchMock, 0)).toMatchObject({
      url: '/api/v1/admin/nodes',
      method: 'POST',
      body: { name: 'bbb1', api_url: 'https://bbb1.example.org/bigbluebutton/api', secret: 's3cret', capacity: 100, state: 'enabled', algorithm: 'sha1' },
    });
  });

  it('shows the node’s current algorithm when editing and sends a change', async () => {
    const fetchMock = stubFetch({ status: 200, body: { ...node, algorithm: 'sha384' } });
    renderWithProviders(<EditNodeModal node={node} opened onClose={vi.fn()} />);
    const user = userEvent.setup();

    const dialog = await screen.findByRole('dialog');
    const checksum = within(dialog).getByRole('combobox', { name: 'API checksum' });
    expect(checksum).toHaveValue('SHA-512');
    await user.click(checksum);
    await user.click(await screen.findByRole('option', { name: 'SHA-384' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Node “bbb1” saved')).toBeInTheDocument();
    const call = callOf(fetchMock, 0);
    expect(call).toMatchObject({ url: '/api/v1/admin/nodes/n-1', method: 'PATCH', body: { algorithm: 'sha384' } });
    expect(call.body).not.toHaveProperty('secret');
  });
});
