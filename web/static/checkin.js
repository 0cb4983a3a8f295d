// The quick check-in on Today, kept when the network is gone (issue 8).
// Online, the form posts as it always does, so the page that follows shows
// the flash and, at distress 9-10 or for crisis words, the care panel. When
// the post cannot reach the server, the check-in waits in the offline
// queue (offline.js) under the id chosen for this form, and goes to the API
// once the network is back: a save that did arrive is not stored twice.

const form = document.querySelector("form[data-checkin]");
if (form && window.sbOutbox) {
  form.addEventListener("submit", async (event) => {
    if (form.dataset.native === "true") {
      return;
    }
    event.preventDefault();
    const idInput = form.querySelector("[data-checkin-id]");
    const data = new FormData(form);
    try {
      // redirect: "manual" keeps the flash for the page we then open.
      const res = await fetch(form.action, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", redirect: "manual" });
      if (res.type === "opaqueredirect" || res.ok) {
        window.location.assign("/today");
        return;
      }
      // The server answered with a problem (a field to fix, a session that
      // ended): let the browser post the form so the page can say so.
      form.dataset.native = "true";
      form.requestSubmit();
      return;
    } catch (e) {
      /* no network: keep it on this device */
    }
    const checked = form.querySelector("input[name=distress]:checked");
    if (!checked) {
      form.dataset.native = "true";
      form.requestSubmit();
      return;
    }
    const distress = Number(checked.value);
    const body = { id: idInput.value, distress, note: (data.get("note") || "").toString(), occurred_at: new Date().toISOString() };
    await window.sbOutbox.enqueue({ id: body.id, url: "/api/v1/checkins", body });
    const result = document.querySelector("[data-checkin-result]");
    const msg = document.querySelector("[data-checkin-messages]").content.querySelector("[data-msg=queued]");
    result.textContent = msg.textContent;
    result.dataset.state = "queued";
    result.dataset.entry = body.id;
    result.hidden = false;
    form.reset();
    idInput.value = "ci-" + Date.now().toString(36) + "-" + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
    const care = document.querySelector("[data-checkin-care]");
    if (distress >= 9) {
      care.hidden = false;
      care.focus();
    } else {
      result.focus();
    }
  });
}
