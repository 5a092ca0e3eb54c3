import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, type Language } from '@/lib/i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      value={i18n.resolvedLanguage}
      onChange={(event) => changeLanguage(event.currentTarget.value as Language)}
      data={LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
    />
  );
}
