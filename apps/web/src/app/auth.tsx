import { type Role, roleAtLeast, type User, userResponseSchema } from "@dq/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { FullPageLoader } from "../features/common/FullPageLoader.tsx";
import { ApiError, api, isServerUnreachable } from "./api.ts";
import { homeOf } from "./screens.ts";

export { homeOf };

const ME = ["auth", "me"] as const;

/** The signed-in employee, or null when signed out (401). */
export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<User | null> => {
      try {
        return (await api.get("/api/v1/auth/me", userResponseSchema)).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    // Signed out is an answer; an unreachable server is waited for (the screen says so meanwhile).
    retry: (count, error) =>
      isServerUnreachable(error) || (!(error instanceof ApiError && error.status === 401) && count < 2),
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { login: string; password: string }) =>
      api.post("/api/v1/auth/login", input, userResponseSchema),
    onSuccess: ({ user }) => client.setQueryData(ME, user),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/api/v1/auth/logout", undefined),
    onSuccess: () => {
      client.clear();
      client.setQueryData(ME, null);
    },
  });
}

/** Renders its children for staff of at least `minRole`; otherwise sends to the sign-in page. */
export function RequireRole({ minRole, children }: { minRole: Role; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  const user = me.data;
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roleAtLeast(user.role, minRole)) return <Navigate to={homeOf(user.role)} replace />;
  return children;
}
