import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from './auth-card';
import { safeNextPath } from './safe-next';
import { SignInForm } from './sign-in-form';

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  return (
    <AuthCard title={t('auth.signInTitle')}>
      <SignInForm onSuccess={() => navigate(next, { replace: true })} />
      <Text size="sm">
        {t('auth.noAccount')}{' '}
        <Anchor component={Link} to="/sign-up">
          {t('auth.signUp')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
