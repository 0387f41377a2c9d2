// The tracking page's service worker: shows the visitor's notifications (the server's Web Push
// payload is JSON {title, body, url}) and opens the ticket's page when one is tapped.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** The payload, or a plain notice when it is not the JSON the server sends. */
function messageOf(event) {
  try {
    const data = event.data ? event.data.json() : {};
    return {
      title: typeof data.title === "string" && data.title ? data.title : "DigitalQueue",
      body: typeof data.body === "string" ? data.body : "",
      url: typeof data.url === "string" ? data.url : "/",
    };
  } catch {
    return { title: "DigitalQueue", body: event.data ? event.data.text() : "", url: "/" };
  }
}

self.addEventListener("push", (event) => {
  const message = messageOf(event);
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      data: { url: message.url },
      // One notification per page: a newer message about the ticket replaces the older one.
      tag: message.url,
      renotify: true,
      requireInteraction: false,
    }),
  );
});

/** Only this site's own pages are opened: the payload's url comes from the server, but stay safe. */
function sameOriginUrl(url) {
  try {
    const target = new URL(url, self.location.origin);
    return target.origin === self.location.origin ? target.href : self.location.origin;
  } catch {
    return self.location.origin;
  }
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data?.url ?? "/");
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => w.url === url);
      if (open) return open.focus();
      return self.clients.openWindow(url);
    })(),
  );
});
