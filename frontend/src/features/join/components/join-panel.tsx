import { Button, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { applyFieldErrors } from '@/lib/form-errors';
import { redirectTo } from '@/lib/redirect';
import { useJoinRoom, useWaitForMeeting } from '../api/join-room';
import { isJoinReady, type JoinTarget } from '../api/types';
import { WaitingState } from './waiting-state';

// One field, so react-hook-form's own rules are enough: keeping zod out of this chunk keeps the
// page guests load small (see BUNDLE.md).
type JoinValues = { name: string };
const nameRules = {
  validate: (value: string) => (value.trim() ? true : 'validation.nameRequired'),
  maxLength: { value: 100, message: 'validation.tooLong' },
};

export const WAIT_POLL_MS = 5000;

type Props = { target: JoinTarget; defaultName?: string; pollIntervalMs?: number };

/** Name field + Join; waits (re-checking) when the meeting has not started yet. */
export function JoinPanel({ target, defaultName = '', pollIntervalMs = WAIT_POLL_MS }: Props) {
  const { t } = useTranslation();
  const join = useJoinRoom();
  const [waitingAs, setWaitingAs] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const waiting = useWaitForMeeting(target, waitingAs, pollIntervalMs);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<JoinValues>({ defaultValues: { name: defaultName } });

  const polledJoinUrl = isJoinReady(waiting.data) ? waiting.data.join_url : null;
  useEffect(() => {
    if (polledJoinUrl) redirectTo(polledJoinUrl);
  }, [polledJoinUrl]);

  const onSubmit = handleSubmit(({ name: rawName }) => {
    const name = rawName.trim();
    join.mutate(
      { target, name },
      {
        onSuccess: (result) => {
          if (isJoinReady(result)) {
            setRedirecting(true);
            redirectTo(result.join_url);
          } else {
            setWaitingAs(name);
          }
        },
        onError: (error) => applyFieldErrors(error, setError, ['name']),
      },
    );
  });

  if (waitingAs !== null && !polledJoinUrl) {
    const latest = waiting.data ?? join.data;
    const waitingMessage = latest && !isJoinReady(latest) ? latest.message : undefined;
    return (
      <Stack>
        <ErrorMessage error={waiting.error} />
        <WaitingState message={waitingMessage} onCancel={() => setWaitingAs(null)} />
      </Stack>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorMessage error={join.error} />
        <TextInput
          label={t('join.yourName')}
          autoComplete="name"
          required
          data-autofocus
          data-testid="join-name"
          {...register('name', nameRules)}
          error={errors.name?.message && t(errors.name.message)}
        />
        <Button type="submit" size="md" loading={join.isPending || redirecting || !!polledJoinUrl} data-testid="join-submit">
          {t('join.join')}
        </Button>
      </Stack>
    </form>
  );
}
