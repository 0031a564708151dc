/** zh-CN first, English second; react-admin's app bar shows the switcher because two locales are offered. */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider } from 'react-admin';
import { enMessages, zhCNMessages } from './consoleMessages.ts';

export const defaultLocale = 'zh-CN';

export const locales = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

export const i18nProvider: I18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? enMessages : zhCNMessages),
  defaultLocale,
  locales,
);
