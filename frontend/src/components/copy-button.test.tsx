import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { CopyButton } from './copy-button';

// jsdom has no isSecureContext; the Clipboard API only exists in secure contexts (HTTPS, localhost).
function setSecureContext(secure: boolean) {
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true });
}

describe('CopyButton', () => {
  it('copies with the Clipboard API and says "Copied"', async () => {
    const user = userEvent.setup();
    // userEvent installs its own clipboard stub; spy on it after setup.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    setSecureContext(true);
    renderWithProviders(<CopyButton text="https://sb.example/r/abc-defg-hjk" data-testid="copy-attendee" />);

    await user.click(screen.getByTestId('copy-attendee'));

    expect(writeText).toHaveBeenCalledWith('https://sb.example/r/abc-defg-hjk');
    expect(await screen.findByText('Copied')).toBeInTheDocument();
  });

  it('falls back to execCommand where the Clipboard API is unavailable (plain HTTP)', async () => {
    const user = userEvent.setup();
    setSecureContext(false);
    let copied = '';
    const execCommand = vi.fn(() => {
      copied = document.querySelector('textarea')?.value ?? '';
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    renderWithProviders(<CopyButton text="https://sb.example/m/KEY" />);

    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(copied).toBe('https://sb.example/m/KEY');
    expect(await screen.findByText('Copied')).toBeInTheDocument();
  });
});
