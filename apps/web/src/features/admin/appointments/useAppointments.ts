import {
  type AppointmentCreate,
  appointmentListSchema,
  appointmentSchema,
  bookingSlotsSchema,
  listOf,
  serviceSchema,
  ticketSchema,
} from "@dq/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";

/** What the page tells after booking: the code to give the visitor, his time and name. */
const bookedSchema = appointmentSchema.pick({ code: true, start: true, name: true });

/** The appointments page's queries all start so: a live event or a change refreshes them together. */
const ROOT = "appointments";

/** The day's appointments, of one service or all. */
export function useAppointmentList(date: string, serviceId: string | null) {
  const params = new URLSearchParams({ date });
  if (serviceId) params.set("serviceId", serviceId);
  return useQuery({
    queryKey: [ROOT, "list", params.toString()],
    queryFn: () => api.get(`/api/v1/appointments?${params}`, appointmentListSchema),
  });
}

/** The office's services (the filter and the booking dialog offer the bookable ones). */
export function useServices() {
  return useQuery({
    queryKey: ["dir", "services"],
    queryFn: () => api.get("/api/v1/services", listOf(serviceSchema)),
  });
}

/** A service's slots on a day, with their free places; read while the booking dialog has both. */
export function useSlots(serviceId: string | null, date: string | null) {
  return useQuery({
    queryKey: [ROOT, "slots", serviceId, date],
    queryFn: () =>
      api.get(
        `/api/v1/booking/slots?${new URLSearchParams({ serviceId: serviceId!, date: date! })}`,
        bookingSlotsSchema,
      ),
    enabled: Boolean(serviceId && date),
  });
}

/**
 * Books on a visitor's behalf. One Idempotency-Key per filled-in form (`key`): a double click or a
 * retry after a lost answer books once.
 */
export function useBook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: AppointmentCreate; key: string }) =>
      api.post("/api/v1/appointments", body, bookedSchema, { "idempotency-key": key }),
    onSettled: () => client.invalidateQueries({ queryKey: [ROOT] }),
  });
}

/** A receptionist checks a visitor in: his ticket is issued as at the kiosk. */
export function useCheckIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api.post(`/api/v1/appointments/${encodeURIComponent(code)}/check-in`, undefined, ticketSchema),
    onSettled: () => client.invalidateQueries({ queryKey: [ROOT] }),
  });
}

export function useCancel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api.post(`/api/v1/appointments/${encodeURIComponent(code)}/cancel`, undefined),
    onSettled: () => client.invalidateQueries({ queryKey: [ROOT] }),
  });
}
