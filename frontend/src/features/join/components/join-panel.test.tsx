import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { redirectTo } from '@/lib/redirect';
import { callOf, stubFetch } from '@/testing/fetch';
import { renderWithProviders } from '@/testing/render';
import { JoinPanel } from './join-panel';

vi.mock('@/lib/redirect', () => ({ redirectTo: vi.fn() }));

describe('JoinPanel', () => {
  it('waits for the meeting, re-checks on its own, then sends the browser to the node', async () => {
    const waiting = { status: 202, body: { status: 'waiting', message: 'The meeting has not started yet.' } };
    const fetchMock = stubFetch(waiting, waiting, {
      status: 200,
      body: { join_url: 'http://node-1.test/join?x=1', role: 'VIEWER' },
    });
    renderWithProviders(<JoinPanel target={{ slug: 'abc-defg-hjk' }} pollIntervalMs={30} />);
    const user = userEvent.setup();

    await user.type(screen.getByTestId('join-name'), 'Grace');
    await user.click(screen.getByTestId('join-submit'));

    expect(await screen.findByTestId('waiting')).toHaveTextContent('The meeting has not started yet.');
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith('http://node-1.test/join?x=1'));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    for (const index of [0, 1, 2]) {
      expect(callOf(fetchMock, index)).toMatchObject({
        url: '/api/v1/join',
        method: 'POST',
        body: { slug: 'abc-defg-hjk', name: 'Grace' },
      });
    }
  });

  it('asks for a name before joining', async () => {
    const fetchMock = stubFetch();
    renderWithProviders(<JoinPanel target={{ slug: 'abc-defg-hjk' }} />);
    await userEvent.setup().click(screen.getByTestId('join-submit'));
    expect(await screen.findByText('Please enter your name')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the clear message when no node can take the meeting', async () => {
    stubFetch({ status: 503, body: { error: { code: 'unavailable', message: 'All servers are full right now.' } } });
    renderWithProviders(<JoinPanel target={{ moderator_key: 'KEY' }} defaultName="Ada" />);
    await userEvent.setup().click(screen.getByTestId('join-submit'));
    expect(await screen.findByTestId('error-message')).toHaveTextContent('All servers are full right now.');
    expect(redirectTo).not.toHaveBeenCalled();
  });
});
