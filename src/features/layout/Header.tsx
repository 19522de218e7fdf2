// The page header: name, what it is, the privacy promise, the third-party licences, the lessons, the
// beginner/expert view and the language switch.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/i18n';
import { ViewModeSwitch } from './ViewModeSwitch';
import { LessonsButton } from '../lessons';

export function Header() {
  const { t, i18n } = useTranslation();
  return (
    <header className="app-header">
      <div>
        <h1>
          {t('app.name')} <span className="tagline">{t('app.tagline')}</span>
        </h1>
        <p className="muted">
          {t('app.privacy')} {/* Written by the build (scripts/third-party-licenses.ts); the dev server has none. */}
          <a href={`${import.meta.env.BASE_URL}third-party-licenses.txt`} target="_blank" rel="noopener">
            {t('app.licenses')}
          </a>
        </p>
      </div>
      <div className="header-controls">
        <LessonsButton />
        <ViewModeSwitch />
        <label className="language-switch">
          <span>{t('app.language')}</span>
          <select
            aria-label={t('app.language')}
            value={i18n.language.startsWith('zh') ? 'zh' : 'en'}
            onChange={(e) => void setLanguage(e.target.value as Language)}
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
