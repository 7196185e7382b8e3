// Passkeys and security keys (WebAuthn) are offered only where the browser has them;
// allauth's webauthn.js does the ceremony. A cancelled or failed attempt is said in
// words on the page instead of only in the console.
(function () {
  if (!window.PublicKeyCredential) { return; }
  document.querySelectorAll(".js-webauthn-only").forEach(function (el) { el.hidden = false; });
  document.addEventListener("allauth.error", function (event) {
    var box = document.getElementById("webauthn-error");
    if (!box) { return; }
    event.preventDefault();
    box.hidden = false;
  });
})();
