import { appointmentSchema, bookingServicesSchema, bookingSlotsSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { z } from "zod";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import { newBookingKey, resendDelayMs, shouldResend } from "./booking-errors.ts";

/** An answer asking again will not change: no such appointment or service (404), or not a code (400). */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

/** Reads that fail for a reason other than the connection are tried twice more, then shown. */
const retryRead = (n: number, error: unknown) => !isNotFound(error) && (isServerUnreachable(error) || n < 2);

/**
 * The office's bookable services (`?branch=<id>` on the page picks another office than the first).
 * The later calls name the office too (`?branchId=`): the server takes the default one otherwise.
 */
export function useBookingServices(branchId: string | null) {
  return useQuery({
    queryKey: ["booking-services", branchId],
    queryFn: () =>
      api.get(
        `/api/v1/booking/services${branchId ? `?branchId=${encodeURIComponent(branchId)}` : ""}`,
        bookingServicesSchema,
      ),
    retry: retryRead,
  });
}

/** A day's slots of a service; read again every minute, since others book meanwhile. */
export function useSlots(branchId: string, serviceId: string, day: string | null) {
  return useQuery({
    queryKey: ["booking-slots", branchId, serviceId, day],
    queryFn: () =>
      api.get(
        `/api/v1/booking/slots?${new URLSearchParams({ branchId, serviceId, date: day ?? "" })}`,
        bookingSlotsSchema,
      ),
    enabled: day !== null,
    refetchInterval: 60_000,
    retry: retryRead,
  });
}

export function useAppointment(code: string) {
  return useQuery({
    queryKey: ["appointment", code],
    queryFn: () => api.get(`/api/v1/appointments/${encodeURIComponent(code)}`, appointmentSchema),
    refetchInterval: 60_000,
    retry: retryRead,
  });
}

/** What the page needs of the booking's answer (the rest of the appointment may come too). */
const bookedSchema = appointmentSchema.pick({ code: true, start: true, end: true }).extend({
  checkInOpensAt: z.string().optional(),
  lateAfter: z.string().optional(),
  lateAction: appointmentSchema.shape.lateAction.optional(),
});
export type Booked = z.infer<typeof bookedSchema>;

export type BookingRequest = {
  serviceId: string;
  start: string;
  name: string;
  phone: string;
  email?: string;
  language: string;
};

/**
 * Books, with one Idempotency-Key per attempt: the same request sent again (a double tap, "try
 * again" after a dropped connection) carries the same key and so gets the same booking; a changed
 * request (another time, a corrected phone) is a new attempt with a new key.
 */
export function useBook(branchId: string) {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return async (request: BookingRequest): Promise<Booked> => {
    const body = JSON.stringify([branchId, request]);
    if (attempt.current?.body !== body) attempt.current = { body, key: newBookingKey() };
    const key = attempt.current.key;
    const started = Date.now();
    for (;;) {
      try {
        return await api.post(
          `/api/v1/appointments?branchId=${encodeURIComponent(branchId)}`,
          request,
          bookedSchema,
          {
            "idempotency-key": key,
          },
        );
      } catch (error) {
        if (!shouldResend(error, Date.now() - started)) throw error;
        await new Promise((r) => setTimeout(r, resendDelayMs(error)));
      }
    }
  };
}

/** Cancelling and rescheduling: the page reads the appointment again afterwards, whatever the answer. */
export const cancelAppointment = (code: string): Promise<unknown> =>
  api.post(`/api/v1/appointments/${encodeURIComponent(code)}/cancel`, {});

export const rescheduleAppointment = (code: string, start: string): Promise<unknown> =>
  api.post(`/api/v1/appointments/${encodeURIComponent(code)}/reschedule`, { start });

export const trackPath = (ticketCode: string) => `/t/${encodeURIComponent(ticketCode)}`;
export const appointmentPath = (code: string) => `/b/${encodeURIComponent(code)}`;
export const icsPath = (code: string) => `/api/v1/appointments/${encodeURIComponent(code)}/ics`;
