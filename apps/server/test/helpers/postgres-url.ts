/** Where integration tests find PostgreSQL; defaults to the local trust-auth server. */
export function adminUrl(): string {
  return process.env.DQ_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export const TEMPLATE_DB = "dq_test_template";

export function withDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
