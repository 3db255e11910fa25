// DropSlot's notifications: shows what the server pushes (a booking confirmed, places offered
// from a waitlist, a reminder before a slot) and opens its page when it is tapped. Registered
// by the account page's "Notify me on this phone"; the door scanner's worker imports it too.
self.addEventListener("push", (event) => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(
    self.registration.showNotification(message.title || "DropSlot", {
      body: message.body || "",
      icon: "/icons/icon-192.png",
      data: { url: message.url || "/reservations" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
