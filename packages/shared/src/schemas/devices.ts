import { z } from "zod";
import { DEVICE_KINDS, ROLES } from "../roles.ts";
import { idSchema, nameSchema } from "./common.ts";

/** Per-device options: which services a kiosk offers, which windows a board shows, and so on. */
export const deviceConfigSchema = z
  .object({
    serviceIds: z.array(idSchema).max(500),
    workstationNumbers: z.array(z.string().max(8)).max(500),
    language: z.enum(["ru", "en"]),
    /** Kiosk: offer the client categories after a service is chosen. */
    showCategories: z.boolean(),
    /** Kiosk: print every ticket (Chrome's --kiosk-printing makes it silent); default on. */
    autoPrint: z.boolean(),
    /** Kiosk: receipt paper width in millimetres. */
    paperWidth: z.union([z.literal(80), z.literal(58)]),
    /** Board: announce calls by voice (the chime always sounds); default on. */
    voice: z.boolean(),
  })
  .partial();
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

export const deviceCreateSchema = z.object({
  kind: z.enum(DEVICE_KINDS),
  name: nameSchema,
  config: deviceConfigSchema.default({}),
});
export type DeviceCreate = z.infer<typeof deviceCreateSchema>;
export const devicePatchSchema = z.object({ name: nameSchema, config: deviceConfigSchema }).partial();
export type DevicePatch = z.infer<typeof devicePatchSchema>;
export const deviceSchema = z.object({
  id: idSchema,
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  config: deviceConfigSchema,
  tokenPrefix: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;
/** Returned once, on creation: the token is never shown again. */
export const deviceCreatedSchema = deviceSchema.extend({ token: z.string() });

export const apiTokenCreateSchema = z.object({
  name: nameSchema,
  role: z.enum(ROLES).exclude(["operator"]),
});
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(ROLES),
  tokenPrefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });
