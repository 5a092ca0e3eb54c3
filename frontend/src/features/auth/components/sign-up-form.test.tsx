import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { stubFetch } from '@/testing/fetch';
import { SignUpForm } from './sign-up-form';

describe('SignUpForm', () => {
  it('explains a bad email and a short password without calling the API', async () => {
    const fetchMock = stubFetch();
    renderWithProviders(<SignUpForm onSuccess={vi.fn()} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/name/i), 'Ada');
    await user.type(screen.getByLabelText(/email/i), 'not-an-email');
    await user.type(screen.getByLabelText(/^password/i), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument();
    expect(screen.getByText('Use at least 8 characters')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server message and puts field errors next to their fields', async () => {
    stubFetch({
      status: 409,
      body: { error: { code: 'conflict', message: 'That email is already registered', fields: { email: 'already taken' } } },
    });
    const onSuccess = vi.fn();
    renderWithProviders(<SignUpForm onSuccess={onSuccess} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/name/i), 'Ada');
    await user.type(screen.getByLabelText(/email/i), 'ada@example.org');
    await user.type(screen.getByLabelText(/^password/i), 'long enough');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByTestId('error-message')).toHaveTextContent('That email is already registered');
    expect(screen.getByText('already taken')).toBeInTheDocument();
    expect(onSuccess).not.toHaveBeenCalled();
  });
});
