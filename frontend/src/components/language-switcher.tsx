import { NativeSelect } from '@mantine/core';

// Short codes (EN/DE) keep the header narrow on phones; the select itself is labelled for screen readers.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, type Language } from '@/lib/i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      w={72}
      value={i18n.resolvedLanguage}
      onChange={(event) => changeLanguage(event.currentTarget.value as Language)}
      data={LANGUAGES.map((code) => ({ value: code, label: code.toUpperCase(), title: t(`languages.${code}`) }))}
    />
  );
}
