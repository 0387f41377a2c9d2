/**
 * What the board says for a call, in its language: «Талон А 15, окно номер 3» / "Ticket A 15,
 * window 3". The number is given as a number (no leading zeros) so speech synthesis says
 * "fifteen", and the letters as letters of the board's language, so a Latin "A" is not read as the
 * English word "a" by a Russian voice (nor a Cyrillic "Б" skipped by an English one).
 */
export type SpeechLanguage = "ru" | "en";

// biome-ignore format: a table reads better as a table
const RU_LETTER_NAMES: Record<string, string> = {
  А: "А", Б: "Бэ", В: "Вэ", Г: "Гэ", Д: "Дэ", Е: "Е", Ё: "Ё", Ж: "Жэ", З: "Зэ", И: "И", Й: "И краткое",
  К: "Ка", Л: "Эль", М: "Эм", Н: "Эн", О: "О", П: "Пэ", Р: "Эр", С: "Эс", Т: "Тэ", У: "У", Ф: "Эф",
  Х: "Ха", Ц: "Цэ", Ч: "Че", Ш: "Ша", Щ: "Ща", Э: "Э", Ю: "Ю", Я: "Я",
  A: "А", B: "Бэ", C: "Цэ", D: "Дэ", E: "Е", F: "Эф", G: "Гэ", H: "Аш", I: "И", J: "Жи", K: "Ка",
  L: "Эль", M: "Эм", N: "Эн", O: "О", P: "Пэ", Q: "Ку", R: "Эр", S: "Эс", T: "Тэ", U: "У", V: "Вэ",
  W: "Дубль-вэ", X: "Икс", Y: "Игрек", Z: "Зэт",
};

// biome-ignore format: a table reads better as a table
const CYRILLIC_TO_LATIN: Record<string, string> = {
  А: "A", Б: "B", В: "V", Г: "G", Д: "D", Е: "E", Ё: "Yo", Ж: "Zh", З: "Z", И: "I", Й: "Y", К: "K",
  Л: "L", М: "M", Н: "N", О: "O", П: "P", Р: "R", С: "S", Т: "T", У: "U", Ф: "F", Х: "H", Ц: "Ts",
  Ч: "Ch", Ш: "Sh", Щ: "Shch", Э: "E", Ю: "Yu", Я: "Ya",
};

/** `A015` → prefix `A`, number 15; a label without a number is spoken as it is. */
export function splitLabel(label: string): { prefix: string; number: number | null } {
  const m = label.match(/^(\D*)(\d+)$/);
  return m ? { prefix: m[1]!, number: Number(m[2]) } : { prefix: label, number: null };
}

function spokenLetters(prefix: string, lang: SpeechLanguage): string {
  const letters = [...prefix.toUpperCase()];
  return letters
    .map((ch) => (lang === "ru" ? (RU_LETTER_NAMES[ch] ?? ch) : (CYRILLIC_TO_LATIN[ch] ?? ch)))
    .join(" ");
}

export function spokenLabel(label: string, lang: SpeechLanguage): string {
  const { prefix, number } = splitLabel(label);
  return [spokenLetters(prefix, lang), number === null ? "" : String(number)].filter(Boolean).join(" ");
}

export function announcementText(
  label: string,
  workstation: { number: string; spokenName?: string | null },
  lang: SpeechLanguage,
): string {
  const ticket = spokenLabel(label, lang);
  if (lang === "en") return `Ticket ${ticket}, window ${workstation.number}`;
  const where = workstation.spokenName?.trim() || `окно номер ${workstation.number}`;
  return `Талон ${ticket}, ${where}`;
}
