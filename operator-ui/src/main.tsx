import '@mantine/core/styles.css';
import { DirectionProvider, MantineProvider, createTheme } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/ApiClient';
import { AuthSession } from './auth/AuthSession';
import { applyDocumentLocale, t } from './i18n';
import { App } from './ui/App';
import { ServicesContext } from './ui/services';

const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
const direction = applyDocumentLocale(document, preferred);
document.title = t('app.title');

const auth = new AuthSession(window.sessionStorage);
const services = { auth, api: new ApiClient(auth) };
const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectionProvider initialDirection={direction} detectDirection={false}>
      <MantineProvider theme={theme}>
        <ServicesContext.Provider value={services}>
          <App />
        </ServicesContext.Provider>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
