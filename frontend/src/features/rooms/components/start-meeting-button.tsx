import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { useUser } from '@/lib/auth';
import { redirectTo } from '@/lib/redirect';
import { useStartMeeting } from '../api/start-meeting';
import type { Room } from '../api/types';

/** Joins the owner as moderator; the browser then leaves for the BBB node. */
export function StartMeetingButton({ room }: { room: Room }) {
  const { t } = useTranslation();
  const { data: user } = useUser();
  const start = useStartMeeting();

  const onClick = () =>
    start.mutate({ moderatorUrl: room.moderator_url, name: user?.name ?? '' }, { onSuccess: (joinUrl) => redirectTo(joinUrl) });

  return (
    <>
      <Button onClick={onClick} loading={start.isPending || start.isSuccess} color="green">
        {room.running ? t('room.joinMeeting') : t('room.startMeeting')}
      </Button>
      {start.isError && <ErrorMessage error={start.error} />}
    </>
  );
}
