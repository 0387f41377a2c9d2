import { operatorStateSchema, pauseSchema, takeWorkstationSchema } from "@dq/shared";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { leaveWorkstation, pause, resume, takeWorkstation } from "../../queue/workplace.ts";
import { refuseWhileHistoryPreparing } from "../demo-history/repository.ts";
import { access, employeeId, tags } from "./access.ts";

/** The operator's own workplace: take and leave a workstation, pause and resume. */
export async function workplaceRoutes(app: App) {
  const deps = app.deps;

  app.post(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: {
        operationId: "takeWorkstation",
        tags,
        summary: "Work at this workstation (one operator per workstation)",
        body: takeWorkstationSchema,
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => {
      await refuseWhileHistoryPreparing(deps.db, request.branch.id);
      return takeWorkstation(deps, request.branch, employeeId(request), request.body.workstationId);
    },
  );

  app.delete(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: {
        operationId: "leaveWorkstation",
        tags,
        summary: "Leave the workstation",
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => leaveWorkstation(deps, request.branch, employeeId(request)),
  );

  app.post(
    "/api/v1/operator/pause",
    {
      config: { access },
      schema: {
        operationId: "pauseOperator",
        tags,
        summary: "Pause with a reason",
        body: pauseSchema,
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => pause(deps, request.branch, employeeId(request), request.body),
  );

  app.post(
    "/api/v1/operator/resume",
    {
      config: { access },
      schema: {
        operationId: "resumeOperator",
        tags,
        summary: "End the pause",
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => resume(deps, request.branch, employeeId(request)),
  );
}
