import { addTranslations } from "../../app/i18n.ts";

/** A remote ticket's marks on the operator's and supervisor's screens (docs/remote-join.md). */
const ru = {
  remote: {
    badge: "Удалённо",
    badgeHint: "Талон взят с телефона (страница /join)",
    awaiting: "ждём прихода",
    awaitingHint:
      "Посетитель ещё не отметился «Я на месте»: «Пригласить следующего» его пропускает, место в очереди за ним.",
    arrived: "на месте",
    postponed_one: "отходил {{count}} раз",
    postponed_few: "отходил {{count}} раза",
    postponed_many: "отходил {{count}} раз",
    postponed_other: "отходил {{count}} раза",
    postponedHint: "Посетитель сам отодвигал свой талон назад",
    phone: "Телефон",
    awaitingNobody_one: "Удалённый талон {{labels}} ждёт, пока посетитель отметится «Я на месте».",
    awaitingNobody_few: "Удалённые талоны {{labels}} ждут, пока посетители отметятся «Я на месте».",
    awaitingNobody_many: "Удалённые талоны {{labels}} ждут, пока посетители отметятся «Я на месте».",
    awaitingNobody_other: "Удалённые талоны {{labels}} ждут, пока посетители отметятся «Я на месте».",
  },
};

const en: typeof ru = {
  remote: {
    badge: "Remote",
    badgeHint: "Taken from a phone (the /join page)",
    awaiting: "awaiting arrival",
    awaitingHint:
      "The visitor has not tapped “I'm here” yet: “Call next” passes over him, his place in the queue is kept.",
    arrived: "arrived",
    postponed_one: "stepped away once",
    postponed_few: "stepped away {{count}} times",
    postponed_many: "stepped away {{count}} times",
    postponed_other: "stepped away {{count}} times",
    postponedHint: "The visitor moved his ticket back himself",
    phone: "Phone",
    awaitingNobody_one: "Remote ticket {{labels}} waits for its visitor to tap “I'm here”.",
    awaitingNobody_few: "Remote tickets {{labels}} wait for their visitors to tap “I'm here”.",
    awaitingNobody_many: "Remote tickets {{labels}} wait for their visitors to tap “I'm here”.",
    awaitingNobody_other: "Remote tickets {{labels}} wait for their visitors to tap “I'm here”.",
  },
};

addTranslations("operator", { ru, en });
