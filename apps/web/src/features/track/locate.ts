/**
 * The phone's position for «Я на месте», always a fresh one: a cached position may date from before
 * the visitor walked in, and after a refusal (`outside_geofence`) tapping again must not resend it.
 * High accuracy indoors may be slow, hence the generous timeout.
 */
export const ARRIVAL_POSITION_OPTIONS: PositionOptions = {
  enableHighAccuracy: true,
  timeout: 20_000,
  maximumAge: 0,
};

/** Where the phone is, or why the page cannot know (a GeolocationPositionError's code: 2 without the API). */
export function locate(
  geolocation: Pick<Geolocation, "getCurrentPosition"> | undefined = globalThis.navigator?.geolocation,
): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!geolocation) return reject({ code: 2 });
    geolocation.getCurrentPosition(resolve, reject, ARRIVAL_POSITION_OPTIONS);
  });
}
