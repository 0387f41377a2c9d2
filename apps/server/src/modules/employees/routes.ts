import {
  employeeCreateSchema,
  employeePatchSchema,
  employeeSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import { z } from "zod";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { loadEmployees } from "./repository.ts";
import { archiveEmployee, createEmployee, getEmployee, unlockEmployee, updateEmployee } from "./service.ts";

const tags = ["directories"];

export async function employeeRoutes(app: App) {
  const { deps } = app;

  app.get(
    "/api/v1/employees",
    {
      config: { access: { role: "supervisor" } },
      schema: { operationId: "listEmployees", tags, response: { 200: listOf(employeeSchema) } },
    },
    async (request) => ({ items: await loadEmployees(deps.db, request.branch.id) }),
  );

  app.get(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "supervisor" } },
      schema: { operationId: "getEmployee", tags, params: idParamsSchema, response: { 200: employeeSchema } },
    },
    (request) => getEmployee(deps.db, request.branch.id, request.params.id),
  );

  app.post(
    "/api/v1/employees",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createEmployee",
        tags,
        summary: "Create an employee; the password is never returned",
        body: employeeCreateSchema,
        response: { 201: employeeSchema, ...errorResponses(409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createEmployee(deps, request, request.body)),
  );

  app.patch(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateEmployee",
        tags,
        summary: "Change an employee; `password` resets it",
        params: idParamsSchema,
        body: employeePatchSchema,
        response: { 200: employeeSchema, ...errorResponses(409) },
      },
    },
    (request) => updateEmployee(deps, request, request.params.id, request.body),
  );

  app.post(
    "/api/v1/employees/:id/unlock",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "unlockEmployee",
        tags,
        summary: "Lift the sign-in lock that too many wrong passwords put on the employee's login",
        params: idParamsSchema,
        response: { 200: employeeSchema },
      },
    },
    (request) => unlockEmployee(deps, request, request.params.id),
  );

  app.delete(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteEmployee",
        tags,
        summary: "Deactivate and archive an employee (history is kept)",
        params: idParamsSchema,
        response: { 204: z.void(), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      await archiveEmployee(deps, request, request.params.id);
      return reply.status(204).send();
    },
  );
}
