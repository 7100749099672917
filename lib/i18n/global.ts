import type messages from '@/messages/zh-CN.json';
import type { routing } from './routing';

// Types next-intl's message keys and locales from the one source of each: a call
// with a key missing from zh-CN.json, or an error code that has no message, fails
// the type check (tests/unit/messages.test.ts keeps zh-TW and en to the same keys).
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
