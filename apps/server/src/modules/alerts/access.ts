import type { FastifyRequest } from "fastify";
import { staffAtLeast } from "../../http/principal.ts";

export const tags = ["alerts"];

/** Only administrators see webhook addresses whole (they may carry a token in the path). */
export const reveals = (request: FastifyRequest) => staffAtLeast(request.principal, "admin");
