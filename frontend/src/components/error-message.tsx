import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';

type Props = { error: unknown; title?: string };

/** Shows an API error's own message (or a generic one) in an alert that screen readers announce. */
export function ErrorMessage({ error, title }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = isApiError(error) ? error.message : t('errors.unexpected');
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-message">
      {message}
    </Alert>
  );
}
