/**
 * Strings of the sign-in page's own messages (the form's labels are in the entry's locales).
 * Kept apart from their registration (LoginPage.tsx) so that tests can load them without a browser.
 */
export const ru = {
  locked:
    "Слишком много неудачных попыток. Повторите через {{wait}} или попросите администратора снять блокировку.",
  unlocked: "Можно попробовать снова.",
  minutes_one: "{{count}} минуту",
  minutes_few: "{{count}} минуты",
  minutes_many: "{{count}} минут",
  minutes_other: "{{count}} минуты",
  seconds_one: "{{count}} секунду",
  seconds_few: "{{count}} секунды",
  seconds_many: "{{count}} секунд",
  seconds_other: "{{count}} секунды",
};

export const en: typeof ru = {
  locked: "Too many failed attempts. Try again in {{wait}} or ask an administrator to unlock your login.",
  unlocked: "You can try again now.",
  minutes_one: "{{count}} minute",
  minutes_few: "{{count}} minutes",
  minutes_many: "{{count}} minutes",
  minutes_other: "{{count}} minutes",
  seconds_one: "{{count}} second",
  seconds_few: "{{count}} seconds",
  seconds_many: "{{count}} seconds",
  seconds_other: "{{count}} seconds",
};
