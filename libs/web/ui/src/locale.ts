// Entry point for the initial chunk (the frame): the languages and the locale, without the rest of web-ui (Material).
export * from './lib/locale';
