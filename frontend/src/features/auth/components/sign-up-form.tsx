import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { useSignUp } from '@/lib/auth';
import { applyFieldErrors } from '@/lib/form-errors';
import { signUpSchema, type SignUpValues } from '../api/schemas';

type Props = { onSuccess: () => void };

export function SignUpForm({ onSuccess }: Props) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SignUpValues>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '' },
  });

  const onSubmit = handleSubmit((values) =>
    signUp.mutate(values, {
      onSuccess,
      onError: (error) => applyFieldErrors(error, setError, ['name', 'email', 'password']),
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorMessage error={signUp.error} />
        <TextInput
          label={t('auth.name')}
          autoComplete="name"
          required
          {...register('name')}
          error={errors.name?.message && t(errors.name.message)}
        />
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
          description={t('auth.passwordHint')}
          autoComplete="new-password"
          required
          {...register('password')}
          error={errors.password?.message && t(errors.password.message)}
        />
        <Button type="submit" loading={signUp.isPending}>
          {t('auth.createAccount')}
        </Button>
      </Stack>
    </form>
  );
}
