import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useConfig } from '../api/get-config';
import { AuthCard } from './auth-card';
import { SignUpForm } from './sign-up-form';

export default function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: config } = useConfig();

  return (
    <AuthCard title={t('auth.signUpTitle')}>
      {config?.registration === 'closed' ? (
        <Alert color="yellow">{t('auth.registrationClosed')}</Alert>
      ) : (
        <SignUpForm onSuccess={() => navigate('/rooms', { replace: true })} />
      )}
      <Text size="sm">
        {t('auth.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('auth.signIn')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
