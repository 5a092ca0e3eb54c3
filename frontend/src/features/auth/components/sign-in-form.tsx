import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { useSignIn } from '@/lib/auth';
import { applyFieldErrors } from '@/lib/form-errors';
import { signInSchema, type SignInValues } from '../api/schemas';

type Props = { onSuccess: () => void };

export function SignInForm({ onSuccess }: Props) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SignInValues>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit((values) =>
    signIn.mutate(values, {
      onSuccess,
      onError: (error) => applyFieldErrors(error, setError, ['email', 'password']),
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorMessage error={signIn.error} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          {...register('email')}
          error={errors.email?.message && t(errors.email.message)}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          {...register('password')}
          error={errors.password?.message && t(errors.password.message)}
        />
        <Button type="submit" loading={signIn.isPending}>
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
