import type { Role, User } from "@dq/shared";

/**
 * Who is signed in, for the header: «Анна Смирнова · Оператор». An account named after its role
 * (the first administrator is «Администратор») would read «Администратор · Администратор», so it
 * shows the role once, with the login that tells such accounts apart: «Администратор · admin».
 * `roleTitles` holds the role's title in every language (the name may be in another one).
 */
export function staffIdentity(
  user: Pick<User, "name" | "login" | "role">,
  roleTitle: (role: Role, language?: string) => string,
  languages: readonly string[],
): string {
  const title = roleTitle(user.role);
  const name = user.name.trim().toLocaleLowerCase();
  const namedAfterRole = languages.some((lang) => roleTitle(user.role, lang).toLocaleLowerCase() === name);
  return namedAfterRole ? `${title} · ${user.login}` : `${user.name} · ${title}`;
}
