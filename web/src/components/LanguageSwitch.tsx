import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/index.ts';

/** The switch to the other language (on the pages before sign-in, where the bar is not shown). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <p className="language-switch">
      <button type="button" onClick={() => void switchLanguage()} data-testid="language">
        {t('app.language')}
      </button>
    </p>
  );
}
