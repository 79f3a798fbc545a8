import type { CurrentUser } from '@epeople/contracts';
import { LANGUAGES, type Language } from '@epeople/contracts';
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { changeLanguage, currentLanguage, LANGUAGE_NAMES } from '../i18n/index.ts';
import { useSession } from './session.tsx';

/**
 * Switches the interface language. The choice is kept on this device, and on the account of a
 * signed-in person so e-mails and their other devices follow it.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { user, updateUser } = useSession();
  const language = currentLanguage();

  async function choose(next: Language) {
    await changeLanguage(next);
    if (user && user.language !== next) {
      try {
        updateUser(await api.patch<CurrentUser>('/me', { language: next }));
      } catch (error) {
        // The page has switched already; the account keeps its old language until next time.
        console.warn('could not save the language on the account', error);
      }
    }
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          data-testid="language-switcher"
          aria-label={t('common.language.switch', { language: LANGUAGE_NAMES[language] })}
          leftSection={<GlobeIcon />}
        >
          <span lang={language}>{LANGUAGE_NAMES[language]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('common.language.label')}</Menu.Label>
        {LANGUAGES.map((option) => (
          <Menu.Item
            key={option}
            lang={option}
            dir={option === 'ar' ? 'rtl' : 'ltr'}
            data-testid={`language-option-${option}`}
            aria-current={option === language ? 'true' : undefined}
            fw={option === language ? 700 : 400}
            onClick={() => void choose(option)}
          >
            {LANGUAGE_NAMES[option]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function GlobeIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="10" />
      <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
    </svg>
  );
}
