import '@mantine/core/styles.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './i18n';
import './styles.css';
import { App } from './app';
import { SessionProvider } from './auth/session';

/* Darker primary shades than Mantine's default blue keep text on filled buttons above 4.5:1. */
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, fontFamily: 'system-ui, sans-serif' });

/*
 * Contrast (WCAG AA, 4.5:1): Mantine's dimmed grey, its error red and the text of
 * its light variants (alerts, badges) are lighter than that on white or on their
 * tinted backgrounds; darker ones here.
 */
const LIGHT_TEXT: Record<string, string> = {
  red: '#a51d1d',
  teal: '#085f4f',
  yellow: '#6b4a00',
  orange: '#8a3a06',
  indigo: '#2b3a9e',
  gray: '#454b52',
};
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6b7178',
    '--mantine-color-error': '#b02525',
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([c, v]) => [`--mantine-color-${c}-light-color`, v])),
  },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={resolver}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
