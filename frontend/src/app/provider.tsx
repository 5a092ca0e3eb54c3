import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSessionExpiry } from '@/lib/auth';
import { createQueryClient } from '@/lib/query-client';
import { theme } from './theme';

function SessionExpiryListener() {
  useSessionExpiry();
  return null;
}

type Props = {
  children: ReactNode;
  queryClient?: QueryClient;
  /** 'test' turns off Mantine's transitions, portals and detached-popover hiding (jsdom has no layout). */
  mantineEnv?: 'default' | 'test';
};

export function AppProvider({ children, queryClient, mantineEnv }: Props) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <MantineProvider theme={theme} env={mantineEnv}>
      <QueryClientProvider client={client}>
        <SessionExpiryListener />
        <ModalsProvider>
          <Notifications position="top-right" />
          {children}
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
