import { Button, type ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '@/lib/clipboard';

type Props = ButtonProps & {
  text: string;
  label?: string;
  'data-testid'?: string;
  'aria-label'?: string;
};

const COPIED_FEEDBACK_MS = 2000;

/** Copies `text` and says "Copied" for a moment (or "Copy failed" when the browser refuses). */
export function CopyButton({ text, label, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const timer = window.setTimeout(() => setStatus('idle'), COPIED_FEEDBACK_MS);
    return () => window.clearTimeout(timer);
  }, [status]);

  const onClick = async () => setStatus((await copyText(text)) ? 'copied' : 'failed');

  return (
    <Button
      variant={status === 'copied' ? 'filled' : 'light'}
      color={status === 'failed' ? 'red' : status === 'copied' ? 'teal' : undefined}
      onClick={onClick}
      {...buttonProps}
    >
      <span aria-live="polite">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : (label ?? t('common.copy'))}
      </span>
    </Button>
  );
}
