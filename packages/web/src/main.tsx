import '@mantine/core/styles.css';
import './app/app.css';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/router.tsx';
import { SessionProvider } from './app/session.tsx';
import { theme } from './app/theme.ts';
import { directionOf, initI18n, isLanguage, storedLanguage } from './i18n/index.ts';

/** Keeps Mantine's direction in step with the language (the <html> attributes are set by changeLanguage). */
function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => {
    if (isLanguage(i18n.language)) setDirection(directionOf(i18n.language));
  }, [i18n.language, setDirection]);
  return null;
}

async function start() {
  const language = storedLanguage();
  await initI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
        <MantineProvider theme={theme}>
          <DirectionSync />
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </MantineProvider>
      </DirectionProvider>
    </StrictMode>,
  );
}

void start();
