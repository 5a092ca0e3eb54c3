import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { meQueryKey, type User } from '@/lib/auth';
import { callOf, stubFetch } from '@/testing/fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/render';
import type { AdminUser } from '../api/types';
import UsersPage from './users-page';

const me: User = { id: 'u-admin', email: 'admin@example.org', name: 'Ada Admin', role: 'admin' };
const grace: AdminUser = { id: 'u-grace', email: 'grace@example.org', name: 'Grace', role: 'user', created_at: '2024-05-01T10:00:00Z' };
const users: AdminUser[] = [me, grace];

function renderAsAdmin() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(meQueryKey, me);
  renderWithProviders(<UsersPage />, { route: '/admin/users', queryClient });
}

const rowOf = (email: string) => screen.getAllByTestId('user-row').find((row) => row.dataset.userEmail === email)!;

describe('UsersPage', () => {
  it('offers no actions on the signed-in admin’s own row', async () => {
    stubFetch({ status: 200, body: users });
    renderAsAdmin();

    expect(await screen.findByText('grace@example.org')).toBeInTheDocument();
    expect(within(rowOf(me.email)).queryByRole('button')).not.toBeInTheDocument();
    expect(within(rowOf(me.email)).getByText('(you)')).toBeInTheDocument();
    expect(within(rowOf(grace.email)).getByRole('button', { name: 'Actions for Grace' })).toBeInTheDocument();
  });

  it('asks before deleting a user, says their rooms go too, then calls DELETE', async () => {
    const fetchMock = stubFetch({ status: 200, body: users }, { status: 204 }, { status: 200, body: [me] });
    renderAsAdmin();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Grace' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete user “Grace”?');
    expect(dialog).toHaveTextContent('all of its rooms are deleted');
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await user.click(within(dialog).getByRole('button', { name: 'Delete user and rooms' }));

    expect(await screen.findByText('User “Grace” deleted')).toBeInTheDocument();
    expect(callOf(fetchMock, 1)).toMatchObject({ url: '/api/v1/admin/users/u-grace', method: 'DELETE' });
    await waitFor(() => expect(screen.queryByText('grace@example.org')).not.toBeInTheDocument());
    expect(callOf(fetchMock, 2)).toMatchObject({ url: '/api/v1/admin/users', method: 'GET' });
  });

  it('does not delete when the dialog is cancelled', async () => {
    const fetchMock = stubFetch({ status: 200, body: users });
    renderAsAdmin();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Grace' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('makes a user admin and shows the API’s message when a change is refused', async () => {
    const fetchMock = stubFetch(
      { status: 200, body: users },
      { status: 200, body: { ...grace, role: 'admin' } },
      { status: 200, body: [me, { ...grace, role: 'admin' }] },
      { status: 409, body: { error: { code: 'conflict', message: 'Grace still owns the last admin seat.' } } },
    );
    renderAsAdmin();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Grace' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Make admin' }));

    expect(await screen.findByText('Grace is now an admin')).toBeInTheDocument();
    expect(callOf(fetchMock, 1)).toMatchObject({ url: '/api/v1/admin/users/u-grace', method: 'PATCH', body: { role: 'admin' } });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    const actions = screen.getByRole('button', { name: 'Actions for Grace' });
    await waitFor(() => expect(actions).toBeEnabled()); // no longer busy

    await user.click(actions);
    await user.click(await screen.findByRole('menuitem', { name: 'Remove admin role' }));

    expect(await screen.findByText('Grace still owns the last admin seat.')).toBeInTheDocument();
    expect(callOf(fetchMock, 3)).toMatchObject({ method: 'PATCH', body: { role: 'user' } });
  });
});
