import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createQueryClient } from '@/lib/query-client';

/** The app's query client without retries, so a failing request fails the test at once. */
export function createTestQueryClient(): QueryClient {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return queryClient;
}

type Options = {
  route?: string;
  /** Pass one to seed data first (e.g. the signed-in user); a fresh one otherwise. */
  queryClient?: QueryClient;
};

/** Renders with the app's real providers, a fresh query cache and an in-memory router. */
export function renderWithProviders(ui: ReactElement, { route = '/', queryClient = createTestQueryClient() }: Options = {}) {
  return render(
    <AppProvider queryClient={queryClient} mantineEnv="test">
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProvider>,
  );
}
